using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Agents;

/// <summary>Drops agents that stopped heartbeating, as open-falcon does after 24 h (checked every hour here, not once a day).</summary>
internal sealed class AgentEvictionService(
    AgentRegistry registry,
    IOptions<HbsOptions> options,
    TimeProvider timeProvider,
    ILogger<AgentEvictionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expiry = options.Value.AgentExpiry;
        var interval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, Math.Max(expiry.Ticks / 4, TimeSpan.FromSeconds(15).Ticks)));
        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var evicted = registry.EvictSilentSince(timeProvider.GetUtcNow() - expiry);
            if (evicted > 0)
            {
                Log.AgentsEvicted(logger, evicted, expiry);
            }
        }
    }
}
