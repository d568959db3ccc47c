using Falcon.Shared.Reliability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>Every poll interval: writes messages held in memory, gives due failures their next round, refreshes the queue metrics.</summary>
internal sealed class DeliveryRetryService(
    DeliveryRounds rounds,
    FailureQueueWriter failures,
    FailureStore store,
    DeliveryMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryRetryService> logger,
    WorkProgress? progress = null) : BackgroundService
{
    /// <summary>This loop's name in <see cref="WorkProgress"/>: a pass that does not end shows on /health.</summary>
    public const string WorkerName = "alarm.delivery.retry";

    /// <summary>The backlog name of the outbox (messages dispatched, first round not yet run) in <see cref="WorkProgress"/>.</summary>
    public const string OutboxBacklogName = "alarm.outbox";

    private readonly DeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, time);
        do
        {
            progress?.Started(WorkerName);
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                DeliveryLog.RetryPassFailed(logger, e.Message);
            }
            finally
            {
                progress?.Finished(WorkerName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns how many messages got a round.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await failures.FlushPendingAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            var due = await store.ClaimAsync(DeliveryQueue.Failed, now, now + _options.ClaimLease, _options.RetryBatch, cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            DeliveryLog.Retrying(logger, due.Count);
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = _options.RetryConcurrency, CancellationToken = cancellationToken },
                async (record, ct) => await rounds.RunAsync(record, DeliveryQueue.Failed, sent: null, ct));
            total += due.Count;
            if (due.Count < _options.RetryBatch)
            {
                break;
            }
        }

        await RefreshSizesAsync(cancellationToken);
        return total;
    }

    private async Task RefreshSizesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (failed, final) = await store.CountAsync(cancellationToken);
            var outbox = await store.OutboxLengthAsync(cancellationToken);
            metrics.QueueSizes(outbox, failed, final);
            progress?.SetBacklog(OutboxBacklogName, outbox);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            DeliveryLog.RetryPassFailed(logger, e.Message);
        }
    }
}
