using Falcon.Shared.Portal.Audit;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>
/// Feeds the configuration signals to the <see cref="SnapshotCache"/>: `changed` (the console committed a change) and
/// `applied` (a holder published it). Without Redis it keeps trying every poll interval; the cache's regular refresh
/// goes on meanwhile, so a lost signal only delays a change to the next refresh.
/// </summary>
internal sealed class ChangeSignalListener(
    RedisConnection redis,
    SnapshotCache cache,
    IOptions<HbsCacheOptions> options,
    TimeProvider timeProvider,
    ILogger<ChangeSignalListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ChangeSignal)
        {
            Log.SignalOff(logger);
            return;
        }

        await ConfigSignalSubscription.SubscribeAsync(
            redis,
            [
                (ConfigChangeSignal.Changed, (_, _) => cache.OnChangeSignalled()),
                (ConfigChangeSignal.Applied, (_, _) => cache.OnAppliedSignalled()),
            ],
            options.Value.PollInterval,
            timeProvider,
            error => Log.SignalSubscribeFailed(logger, error),
            stoppingToken);
        Log.SignalSubscribed(logger, ConfigChangeSignal.Changed.ToString(), ConfigChangeSignal.Applied.ToString());
    }
}
