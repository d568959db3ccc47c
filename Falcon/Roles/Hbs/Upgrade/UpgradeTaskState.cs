namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>Where an upgrade task stands; stored in Redis as the lower-case name.</summary>
internal enum UpgradeTaskState
{
    Running,

    /// <summary>No new slots are handed out (paused by hand, or automatically on failures); hosts that finish are still counted.</summary>
    Paused,

    /// <summary>The fork's DELETE: agents are sent nothing; the counts stay readable until the next push.</summary>
    Cancelled,
}
