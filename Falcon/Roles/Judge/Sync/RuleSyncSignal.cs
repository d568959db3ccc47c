using Falcon.Shared.Portal.Audit;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Sync;

/// <summary>
/// Re-syncs the rules when hbs announces that a configuration change is served (`falcon:config:applied`). Without
/// Redis it keeps trying every sync interval; the regular sync goes on meanwhile.
/// </summary>
internal sealed class RuleSyncSignal(
    RedisConnection redis,
    RuleSync sync,
    IOptions<JudgeOptions> options,
    TimeProvider timeProvider,
    ILogger<RuleSyncSignal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ChangeSignal)
        {
            return;
        }

        await ConfigSignalSubscription.SubscribeAsync(
            redis,
            [(ConfigChangeSignal.Applied, (_, _) => sync.RequestSync())],
            options.Value.SyncInterval,
            timeProvider,
            error => Log.ChangeSignalSubscribeFailed(logger, error),
            stoppingToken);
        Log.ChangeSignalSubscribed(logger, ConfigChangeSignal.Applied.ToString());
    }
}
