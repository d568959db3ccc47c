using Falcon.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>
/// Restarts by stopping the host normally: every hosted service's StopAsync runs, so the agent flushes its push buffer
/// within agent.flushTimeout before the process exits (the fork SIGKILLed itself and lost it).
/// </summary>
/// <remarks>The exit code is then 0; systemd's Restart=always starts the service again whatever the code
/// (deploy/falcon-agent.service). In a process that also runs server roles (only when agent.selfUpgrade is set to
/// true there) this stops them too, deliberately, and says so.</remarks>
internal sealed class HostRestart(IHostApplicationLifetime lifetime, ILogger<HostRestart> logger, HostFootprint? footprint = null) : IUpgradeRestart
{
    public void Restart(string why)
    {
        if (footprint is { ServerRoles.Count: > 0 } process)
        {
            UpgradeLog.RestartingServerRoles(logger, string.Join(", ", process.ServerRoles), why);
        }

        lifetime.StopApplication();
    }
}
