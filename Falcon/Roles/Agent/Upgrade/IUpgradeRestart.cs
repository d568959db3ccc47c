namespace Falcon.Roles.Agent.Upgrade;

/// <summary>Ends the process after a swap or a restore so the supervisor (systemd, Restart=always) starts the binary now in place.</summary>
internal interface IUpgradeRestart
{
    void Restart();
}
