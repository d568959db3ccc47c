using Falcon.Roles.Alarm.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>
/// Runs one round of a message claimed from the outbox or the failure queue: the primary then the backup,
/// <see cref="DeliveryOptions.TriesPerTarget"/> times each, with a short backoff. A success marks the message sent;
/// a failed round goes to <see cref="FailureQueueWriter"/>: back to the failure queue for another round after
/// <see cref="DeliveryOptions.RetryDelay"/>, or, after the last round, to the final-failure queue.
/// </summary>
internal sealed class DeliveryRounds(
    IEnumerable<IChannelSender> senders,
    FailureStore store,
    FailureQueueWriter failures,
    DeliveryMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryRounds> logger)
{
    private readonly Dictionary<ChannelKind, IChannelSender> _senders = senders.ToDictionary(s => s.Channel);
    private readonly DeliveryOptions _options = options.Value;

    /// <summary>
    /// The ids among <paramref name="records"/> already delivered, in one round trip, so the caller need not ask for
    /// each. Empty when Redis cannot answer (better a rare second alarm than none).
    /// </summary>
    public async Task<IReadOnlySet<string>> SentAmongAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        try
        {
            return await store.SentAmongAsync([.. records.Select(static r => r.Message.Id)], cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            DeliveryLog.RedisFailed(logger, records.Count == 0 ? "" : records[0].Message.Id, "sent check", e.Message);
            return new HashSet<string>();
        }
    }

    /// <summary>
    /// Runs the next round of <paramref name="record"/>, claimed from <paramref name="source"/>. <paramref name="sent"/>
    /// is whether it is already delivered when the caller asked for a whole claim at once (<see cref="SentAmongAsync"/>);
    /// null asks Redis here.
    /// </summary>
    public async Task<DeliveryResult> RunAsync(DeliveryRecord record, DeliveryQueue source, bool? sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_senders.TryGetValue(record.Message.Channel, out var sender) || !sender.IsConfigured)
        {
            // Left in the queue (its lease runs out) so a later configuration can still send it.
            return DeliveryResult.Unconfigured;
        }

        var message = record.Message;
        var channel = DeliveryMetrics.Name(message.Channel);
        if (sent ?? await IsSentAsync(message.Id, cancellationToken))
        {
            DeliveryLog.AlreadySent(logger, channel, message.Id);
            metrics.Message(message.Channel, "duplicate");
            await TryRedisAsync(message.Id, "complete", ct => store.CompleteAsync(message.Id, source, ct), cancellationToken);
            return DeliveryResult.Duplicate;
        }

        var error = await TryAllAsync(sender, message, cancellationToken);
        if (error is null)
        {
            // Recorded with the queue entry's removal in one step, so no crash leaves the entry without the mark,
            // which would lead to a second send.
            await TryRedisAsync(message.Id, "mark sent", ct => store.MarkSentAsync(message.Id, _options.SentRetention, source, ct), cancellationToken);
            metrics.Message(message.Channel, "sent");
            return DeliveryResult.Sent;
        }

        var now = time.GetUtcNow();
        var failed = record with
        {
            Rounds = record.Rounds + 1,
            LastError = error,
            FirstFailedAt = record.Rounds == 0 ? now : record.FirstFailedAt,
            LastFailedAt = now,
        };
        if (failed.Rounds >= _options.Rounds || record.Replayed)
        {
            DeliveryLog.FinalFailure(logger, channel, message.Id, failed.Rounds, error);
            metrics.Message(message.Channel, "final_failed");
            await failures.WriteOrHoldAsync(new PendingQueueWrite(failed, null, source), cancellationToken);
            return DeliveryResult.FinalFailed;
        }

        var due = now + _options.RetryDelay;
        DeliveryLog.RoundFailed(logger, channel, message.Id, failed.Rounds, due);
        metrics.Message(message.Channel, "failed");
        await failures.WriteOrHoldAsync(new PendingQueueWrite(failed, due, source), cancellationToken);
        return DeliveryResult.Failed;
    }

    /// <summary>Primary, backup, primary, backup (the primary only when there is no backup); null on success, else the last error.</summary>
    private async Task<string?> TryAllAsync(IChannelSender sender, AlarmMessage message, CancellationToken cancellationToken)
    {
        var tries = _options.TriesPerTarget * 2;
        var channel = DeliveryMetrics.Name(message.Channel);
        var error = "no try made";
        for (var i = 0; i < tries; i++)
        {
            var target = i % 2 == 0 || !sender.HasBackup ? ChannelTarget.Primary : ChannelTarget.Backup;
            var outcome = await sender.SendAsync(message, target, cancellationToken);
            metrics.Try(message.Channel, target, outcome.Succeeded);
            var targetName = target == ChannelTarget.Primary ? "primary" : "backup";
            if (outcome.Succeeded)
            {
                DeliveryLog.Sent(logger, channel, message.Id, targetName, i + 1);
                return null;
            }

            error = outcome.Detail;
            DeliveryLog.TryFailed(logger, channel, message.Id, i + 1, targetName, error);
            if (i + 1 < tries && _options.Backoff > TimeSpan.Zero)
            {
                await Task.Delay(_options.Backoff, time, cancellationToken);
            }
        }

        return error;
    }

    private async Task<bool> IsSentAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await store.IsSentAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Better a rare second alarm than none.
            DeliveryLog.RedisFailed(logger, id, "sent check", e.Message);
            return false;
        }
    }

    private async Task TryRedisAsync(string id, string step, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            DeliveryLog.RedisFailed(logger, id, step, e.Message);
        }
    }
}
