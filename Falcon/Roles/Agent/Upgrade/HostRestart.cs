using Microsoft.Extensions.Hosting;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Restarts by stopping the host normally: every hosted service's StopAsync runs, so the agent flushes its push buffer
/// within agent.flushTimeout before the process exits (the fork SIGKILLed itself and lost it).
/// </summary>
/// <remarks>The exit code is then 0; systemd's Restart=always starts the service again whatever the code
/// (deploy/falcon-agent.service).</remarks>
internal sealed class HostRestart(IHostApplicationLifetime lifetime) : IUpgradeRestart
{
    public void Restart() => lifetime.StopApplication();
}
