using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>Runs <see cref="EscalationScanner"/> every alarm.escalation.scanInterval; a failed scan is logged and the next one retries.</summary>
internal sealed class EscalationService(
    EscalationScanner scanner, EscalationMetrics metrics, IOptions<EscalationOptions> options, TimeProvider timeProvider, ILogger<EscalationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ScanInterval;
        if (!options.Value.Enabled)
        {
            EscalationLog.Disabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await scanner.ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                metrics.ScanFailed();
                EscalationLog.ScanFailed(logger, interval, e.Message);
            }
        }
    }
}
