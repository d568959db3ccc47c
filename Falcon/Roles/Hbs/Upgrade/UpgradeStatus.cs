namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>`GET /agent/upgrade/status`: where the task stands, across every hbs instance.</summary>
internal sealed class UpgradeStatus
{
    /// <summary>none, running, paused or cancelled.</summary>
    public string State { get; set; } = "none";

    public string Version { get; set; } = string.Empty;

    /// <summary>canary while the canary hosts are upgrading, else rollout (empty without a task).</summary>
    public string Phase { get; set; } = string.Empty;

    /// <summary>Why the task is paused, when it is.</summary>
    public string? Reason { get; set; }

    /// <summary>When the task was pushed (unix seconds; 0 without a task).</summary>
    public long Created { get; set; }

    public int MaxConcurrent { get; set; }

    /// <summary>Hosts that report the target version.</summary>
    public long Done { get; set; }

    /// <summary>Hosts holding a slot: sent the task, not yet at the target version, deadline not passed.</summary>
    public long InFlight { get; set; }

    /// <summary>Hosts that used up their attempts (given up); not retried until the task is pushed again.</summary>
    public long Failed { get; set; }

    /// <summary>Hosts whose last attempt failed, was refused or was rolled back, and that are not upgraded (given-up hosts included).</summary>
    public long FailedAttempts { get; set; }

    /// <summary>Of <see cref="FailedAttempts"/>, the hosts whose last attempt the watchdog rolled back.</summary>
    public long RolledBack { get; set; }

    /// <summary>
    /// Hosts seen needing the upgrade that hold no slot (waiting for one, for the canaries, or backing off after a failed
    /// attempt). Hosts that have not heartbeated since the push are not known yet, so this grows during the first minute.
    /// </summary>
    public long Remaining { get; set; }

    /// <summary>Canary hosts seen that are not done yet.</summary>
    public long CanaryWaiting { get; set; }

    /// <summary>The failed hosts (at most <see cref="UpgradeCoordinator.MaxFailedHostsListed"/>).</summary>
    public IList<UpgradeFailedHost> FailedHosts { get; set; } = [];

    /// <summary>Each host the task has touched, the troubled first (given up, rolled back, failed, refused), then in flight, then upgraded; at most <see cref="UpgradeCoordinator.MaxHostsListed"/>.</summary>
    public IList<UpgradeHostStatus> Hosts { get; set; } = [];

    /// <summary>True when <see cref="Hosts"/> was cut at its limit (the counts above stay complete).</summary>
    public bool HostsTruncated { get; set; }
}
