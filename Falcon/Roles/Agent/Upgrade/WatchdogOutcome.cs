namespace Falcon.Roles.Agent.Upgrade;

/// <summary>What the watchdog found and did at a start.</summary>
internal enum WatchdogOutcome
{
    /// <summary>No upgrade waits for confirmation.</summary>
    None,

    /// <summary>The marker could not be read and was removed.</summary>
    Unreadable,

    /// <summary>The marker names another version than the running one: the swap never happened; the marker was removed.</summary>
    Stale,

    /// <summary>The running binary was restored by the watchdog; the failed version is held off and the marker removed.</summary>
    RolledBackEarlier,

    /// <summary>The binary was just swapped in; it has until its deadline or its last start to heartbeat.</summary>
    Pending,

    /// <summary>The new binary failed its watchdog; the previous one is back in place and this process must exit.</summary>
    RolledBack,

    /// <summary>The new binary failed its watchdog but there is no backup to restore; it is kept and the marker removed.</summary>
    NoBackup,
}
