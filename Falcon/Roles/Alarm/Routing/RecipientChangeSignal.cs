using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Portal.Audit;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// When the console announces a committed change (`falcon:config:changed`), every cached action is looked up again
/// at its next event, so a new recipient or channel switch takes effect at once rather than after cacheTtl. Without
/// Redis it keeps trying every cacheTtl; the cache expires by itself meanwhile. A lost message costs one cacheTtl.
/// </summary>
internal sealed class RecipientChangeSignal(
    RedisConnection redis,
    RecipientDirectory directory,
    IOptions<RoutingOptions> options,
    TimeProvider timeProvider,
    ILogger<RecipientChangeSignal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ChangeSignal)
        {
            return;
        }

        await ConfigSignalSubscription.SubscribeAsync(
            redis,
            [(ConfigChangeSignal.Changed, (_, _) => directory.ExpireAll())],
            options.Value.CacheTtl,
            timeProvider,
            error => ConsumptionLog.ChangeSignalSubscribeFailed(logger, error),
            stoppingToken);
        ConsumptionLog.ChangeSignalSubscribed(logger, ConfigChangeSignal.Changed.ToString());
    }
}
