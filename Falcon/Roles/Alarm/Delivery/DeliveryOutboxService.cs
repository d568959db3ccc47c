using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>
/// Sends what routing dispatched: claims messages from the Redis outbox (leased, so a crash brings them back and
/// instances never share one) and runs their first round, at most alarm.delivery.sendConcurrency at once. Woken by
/// each dispatch, and every poll interval for other instances' dispatches.
/// </summary>
internal sealed class DeliveryOutboxService(
    AlarmDelivery delivery,
    FailureStore store,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryOutboxService> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DeliveryLog.OutboxPassFailed(logger, e.Message);
            }

            if (claimed < _options.RetryBatch)
            {
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch and runs its first rounds; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batch = await store.ClaimAsync(DeliveryQueue.Outbox, now, now + _options.ClaimLease, _options.RetryBatch, cancellationToken);
        if (batch.Count > 0)
        {
            // One round trip for the whole claim, not one per message: which of them were already delivered.
            var sent = await delivery.SentAmongAsync(batch, cancellationToken);
            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = _options.SendConcurrency, CancellationToken = cancellationToken },
                async (record, ct) => await delivery.SendFromOutboxAsync(record, ct, sent.Contains(record.Message.Id)));
        }

        return batch.Count;
    }
}
