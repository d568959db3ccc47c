using Falcon.Shared.Reliability;
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
    DeliveryRounds rounds,
    FailureStore store,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryOutboxService> logger,
    WorkProgress? progress = null) : BackgroundService
{
    /// <summary>This loop's name in <see cref="WorkProgress"/>: a pass that does not end shows on /health.</summary>
    public const string WorkerName = "alarm.delivery.outbox";

    private readonly DeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            progress?.Started(WorkerName);
            try
            {
                claimed = (await RunOnceAsync(stoppingToken)).Count;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                DeliveryLog.OutboxPassFailed(logger, e.Message);
            }
            finally
            {
                progress?.Finished(WorkerName);
            }

            if (claimed < _options.RetryBatch)
            {
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch and runs its first rounds; returns how each claimed message's round ended, in claim order.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batch = await store.ClaimAsync(DeliveryQueue.Outbox, now, now + _options.ClaimLease, _options.RetryBatch, cancellationToken);
        var results = new DeliveryResult[batch.Count];
        if (batch.Count > 0)
        {
            // One round trip for the whole claim, not one per message: which of them were already delivered.
            var sent = await rounds.SentAmongAsync(batch, cancellationToken);
            await Parallel.ForAsync(
                0,
                batch.Count,
                new ParallelOptions { MaxDegreeOfParallelism = _options.SendConcurrency, CancellationToken = cancellationToken },
                async (i, ct) => results[i] = await rounds.RunAsync(batch[i], DeliveryQueue.Outbox, sent.Contains(batch[i].Message.Id), ct));
        }

        return results;
    }
}
