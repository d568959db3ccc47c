namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>One host in `GET /agent/upgrade/status`: where it stands with the task and, after a failure, why.</summary>
internal sealed class UpgradeHostStatus
{
    public const string GivenUp = "given up", RolledBack = "rolled back", Failed = "failed", Refused = "refused", InFlight = "in flight", Upgraded = "upgraded";

    public string Hostname { get; set; } = string.Empty;

    /// <summary>given up (after hbs.upgrade.maxAttempts), rolled back, failed (an attempt; retried), refused (the agent will not upgrade), in flight, upgraded.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>Attempts hbs has granted this host under the task.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last attempt failed, in the agent's words when it reported them; empty otherwise.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>When the state began (unix seconds): the failure, or the grant of the slot; 0 when unknown.</summary>
    public long At { get; set; }

    /// <summary>For a failed host that will be retried: not before this time (unix seconds); 0 otherwise.</summary>
    public long RetryAt { get; set; }
}
