using System.Collections.Concurrent;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>
/// This hbs's copy of the task, with what it has learnt about hosts under it so repeated heartbeats cost no Redis
/// call: hosts already seen done, and hosts that may not ask again before a time (backing off, or failed for good).
/// The learnt maps belong to one task id and are dropped with it.
/// </summary>
internal sealed class UpgradeTaskCopy
{
    public static readonly UpgradeTaskCopy None = new(null);

    public UpgradeTaskCopy(UpgradeTask? task)
        : this(task, new ConcurrentDictionary<string, byte>(StringComparer.Ordinal), new ConcurrentDictionary<string, long>(StringComparer.Ordinal), new ConcurrentDictionary<string, long>(StringComparer.Ordinal))
    {
    }

    private UpgradeTaskCopy(UpgradeTask? task, ConcurrentDictionary<string, byte> done, ConcurrentDictionary<string, long> notBefore, ConcurrentDictionary<string, long> outcomes)
    {
        Task = task;
        Done = done;
        NotBefore = notBefore;
        Outcomes = outcomes;
    }

    public UpgradeTask? Task { get; }

    /// <summary>Hosts this instance has recorded as done for this task.</summary>
    public ConcurrentDictionary<string, byte> Done { get; }

    /// <summary>Hostname → unix ms before which asking Redis again is pointless (long.MaxValue: failed).</summary>
    public ConcurrentDictionary<string, long> NotBefore { get; }

    /// <summary>Hostname → the time (unix ms) of the agent-reported outcome this instance last recorded, so each is written once.</summary>
    public ConcurrentDictionary<string, long> Outcomes { get; }

    /// <summary>The same task re-read (its state may have changed); what was learnt about hosts still holds.</summary>
    public UpgradeTaskCopy With(UpgradeTask task) => new(task, Done, NotBefore, Outcomes);
}
