namespace Falcon.Roles.Agent.Upgrade;

/// <summary>Ends the process after a swap or a restore so the supervisor (systemd, Restart=always) starts the binary now in place.</summary>
internal interface IUpgradeRestart
{
    /// <summary>Ends the process; <paramref name="why"/> completes "restarting to ..." in the log.</summary>
    void Restart(string why);
}
