namespace Falcon.Roles.Alarm.DryRun;

/// <summary>An escalation step: who would be notified when the case stays unacknowledged.</summary>
internal sealed class DryRunEscalation
{
    public int Step { get; init; }

    public int AfterMinutes { get; init; }

    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>Users who would be notified.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>Users of the teams left out by a silence.</summary>
    public IReadOnlyList<string> Silenced { get; init; } = [];
}
