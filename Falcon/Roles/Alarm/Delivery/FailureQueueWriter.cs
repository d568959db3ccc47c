using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>
/// Writes a failed round to the failure or final-failure queue. While Redis cannot take the write it is held in
/// memory (<see cref="PendingQueueWrites"/>, bounded) and <see cref="DeliveryRetryService"/> writes it once Redis is back.
/// </summary>
internal sealed class FailureQueueWriter(
    FailureStore store,
    PendingQueueWrites pending,
    DeliveryMetrics metrics,
    TimeProvider time,
    ILogger<FailureQueueWriter> logger)
{
    /// <summary>Writes <paramref name="write"/>; when Redis cannot take it, holds it in memory (counted as lost when memory is full too).</summary>
    public async Task WriteOrHoldAsync(PendingQueueWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            await WriteAsync(write, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            DeliveryLog.RedisFailed(logger, write.Record.Message.Id, "failure queue", e.Message);
            if (!pending.TryAdd(write))
            {
                metrics.Message(write.Record.Message.Channel, "lost");
                DeliveryLog.PendingFull(logger, pending.Count, write.Record.Message.Id);
            }
        }
    }

    /// <summary>Writes held messages while Redis takes them; stops at the first error (the rest stay held).</summary>
    public async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        while (pending.TryTake(out var write))
        {
            try
            {
                await WriteAsync(write, cancellationToken);
                written++;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (!pending.TryAdd(write))
                {
                    DeliveryLog.PendingFull(logger, pending.Count, write.Record.Message.Id);
                }

                break;
            }
        }

        if (written > 0)
        {
            DeliveryLog.PendingFlushed(logger, written);
        }
    }

    private Task WriteAsync(PendingQueueWrite write, CancellationToken cancellationToken) => write.Due is { } due
        ? store.ScheduleAsync(write.Record, due, write.Source, cancellationToken)
        : store.MoveToFinalAsync(write.Record, time.GetUtcNow(), write.Source, cancellationToken);
}
