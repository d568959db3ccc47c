using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>
/// Sends messages in retry rounds: a round tries the primary then the backup, <see cref="DeliveryOptions.TriesPerTarget"/>
/// times each, with a short backoff; a failed round puts the message in the failure queue for another round after
/// <see cref="DeliveryOptions.RetryDelay"/>, and the last failed round puts it in the final-failure queue.
/// Routing hands messages over with <see cref="DispatchAsync"/>, which only stores them in the outbox;
/// <see cref="DeliveryOutboxService"/> sends them with bounded concurrency.
/// </summary>
internal sealed class AlarmDelivery : IAlarmDispatcher
{
    private readonly Dictionary<ChannelKind, IChannelSender> _senders;
    private readonly FailureStore _store;
    private readonly PendingQueueWrites _pending;
    private readonly DeliveryMetrics _metrics;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly DeliverySignal _signal;
    private readonly ILogger<AlarmDelivery> _logger;

    public AlarmDelivery(
        IEnumerable<IChannelSender> senders,
        FailureStore store,
        PendingQueueWrites pending,
        DeliveryMetrics metrics,
        IOptions<DeliveryOptions> options,
        TimeProvider time,
        ILogger<AlarmDelivery> logger,
        DeliverySignal? signal = null)
    {
        _senders = senders.ToDictionary(s => s.Channel);
        _store = store;
        _pending = pending;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _signal = signal ?? new DeliverySignal();
    }

    /// <summary>
    /// Accepts a message from routing durably: its parts (see <see cref="Split"/>) are in the Redis outbox when this
    /// returns, and the outbox sender is woken. Throws when Redis cannot take them, so routing keeps the event.
    /// </summary>
    public Task DispatchAsync(AlarmMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DispatchManyAsync([message], cancellationToken);
    }

    /// <summary>Accepts several messages at once, as <see cref="DispatchAsync"/> does one: all in one Redis transaction.</summary>
    public async Task DispatchManyAsync(IReadOnlyList<AlarmMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var records = new List<DeliveryRecord>(messages.Count);
        foreach (var message in messages)
        {
            if (TryGetSender(message, out var sender))
            {
                records.AddRange(Split(message, sender).Select(static m => new DeliveryRecord(m, 0, false, null, default, default)));
            }
        }

        if (records.Count == 0)
        {
            return;
        }

        await _store.EnqueueAsync(records, _time.GetUtcNow(), cancellationToken);
        _signal.Notify();
    }

    /// <summary>
    /// The ids among <paramref name="records"/> already delivered, in one round trip, so the outbox sender need not ask
    /// for each. Empty when Redis cannot answer (better a rare second alarm than none).
    /// </summary>
    public async Task<IReadOnlySet<string>> SentAmongAsync(IReadOnlyList<DeliveryRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        try
        {
            return await _store.SentAmongAsync([.. records.Select(static r => r.Message.Id)], cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            DeliveryLog.RedisFailed(_logger, records.Count == 0 ? "" : records[0].Message.Id, "sent check", e.Message);
            return new HashSet<string>();
        }
    }

    /// <summary>
    /// Runs the first round of a message claimed from the outbox. <paramref name="sent"/> is whether it is already
    /// delivered when the caller asked for a whole claim at once (<see cref="SentAmongAsync"/>); null asks here.
    /// </summary>
    public Task<DeliveryResult> SendFromOutboxAsync(DeliveryRecord record, CancellationToken cancellationToken, bool? sent = null) =>
        RunClaimedAsync(record, DeliveryQueue.Outbox, cancellationToken, sent);

    /// <summary>
    /// Delivers a message from routing: one round per destination (each IM group webhook, or each recipient where the
    /// provider takes one per request), each under an id derived from the message's. Returns the worst result.
    /// </summary>
    public async Task<DeliveryResult> DeliverAsync(AlarmMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TryGetSender(message, out var sender))
        {
            return DeliveryResult.Unconfigured;
        }

        var worst = DeliveryResult.Sent;
        foreach (var part in Split(message, sender))
        {
            var result = await RunRoundAsync(sender, new DeliveryRecord(part, 0, false, null, default, default), DeliveryQueue.None, cancellationToken);
            worst = (DeliveryResult)Math.Max((int)worst, (int)result);
        }

        return worst;
    }

    /// <summary>Runs the next round of a message claimed from the failure queue.</summary>
    public Task<DeliveryResult> RetryAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
        RunClaimedAsync(record, DeliveryQueue.Failed, cancellationToken);

    private async Task<DeliveryResult> RunClaimedAsync(DeliveryRecord record, DeliveryQueue source, CancellationToken cancellationToken, bool? sent = null)
    {
        if (!_senders.TryGetValue(record.Message.Channel, out var sender) || !sender.IsConfigured)
        {
            // Left in the queue (its lease runs out) so a later configuration can still send it.
            return DeliveryResult.Unconfigured;
        }

        return await RunRoundAsync(sender, record, source, cancellationToken, sent);
    }

    private bool TryGetSender(AlarmMessage message, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IChannelSender? sender)
    {
        if (_senders.TryGetValue(message.Channel, out sender) && sender.IsConfigured)
        {
            return true;
        }

        _metrics.Message(message.Channel, "unconfigured");
        DeliveryLog.Unconfigured(_logger, DeliveryMetrics.Name(message.Channel), DeliveryMetrics.Name(message.Channel), message.Id);
        return false;
    }

    /// <summary>One message per destination: IM per group, phone and SMS per recipient when the provider asks for it.</summary>
    public static IReadOnlyList<AlarmMessage> Split(AlarmMessage message, IChannelSender sender)
    {
        if (message.Channel == ChannelKind.Im && message.Groups.Count(ImWebhookSender.IsWebhook) > 1)
        {
            return [.. message.Groups.Select((g, i) => message with { Id = $"{message.Id}/{i}", Groups = [g] })];
        }

        if (sender is HttpProviderSender { PerRecipient: true } && message.Recipients.Count > 1)
        {
            return [.. message.Recipients.Select((r, i) => message with { Id = $"{message.Id}/{i}", Recipients = [r] })];
        }

        return [message];
    }

    private async Task<DeliveryResult> RunRoundAsync(IChannelSender sender, DeliveryRecord record, DeliveryQueue source, CancellationToken cancellationToken, bool? sent = null)
    {
        var message = record.Message;
        var channel = DeliveryMetrics.Name(message.Channel);
        if (sent ?? await IsSentAsync(message.Id, cancellationToken))
        {
            DeliveryLog.AlreadySent(_logger, channel, message.Id);
            _metrics.Message(message.Channel, "duplicate");
            await CompleteAsync(message.Id, source, cancellationToken);

            return DeliveryResult.Duplicate;
        }

        var error = await TryAllAsync(sender, message, cancellationToken);
        if (error is null)
        {
            // Recorded with the queue entry's removal in one transaction (or before it), so no crash leaves the entry
            // without the mark, which would lead to a second send.
            await TryRedisAsync(message.Id, "mark sent", ct => _store.MarkSentAsync(message.Id, _options.SentRetention, ct, source), cancellationToken);

            _metrics.Message(message.Channel, "sent");
            return DeliveryResult.Sent;
        }

        var now = _time.GetUtcNow();
        var failed = record with
        {
            Rounds = record.Rounds + 1,
            LastError = error,
            FirstFailedAt = record.Rounds == 0 ? now : record.FirstFailedAt,
            LastFailedAt = now,
        };
        if (failed.Rounds >= _options.Rounds || record.Replayed)
        {
            DeliveryLog.FinalFailure(_logger, channel, message.Id, failed.Rounds, error);
            _metrics.Message(message.Channel, "final_failed");
            await WriteOrHoldAsync(new PendingQueueWrite(failed, null, source), cancellationToken);
            return DeliveryResult.FinalFailed;
        }

        var due = now + _options.RetryDelay;
        DeliveryLog.RoundFailed(_logger, channel, message.Id, failed.Rounds, due);
        _metrics.Message(message.Channel, "failed");
        await WriteOrHoldAsync(new PendingQueueWrite(failed, due, source), cancellationToken);
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
            _metrics.Try(message.Channel, target, outcome.Succeeded);
            var targetName = target == ChannelTarget.Primary ? "primary" : "backup";
            if (outcome.Succeeded)
            {
                DeliveryLog.Sent(_logger, channel, message.Id, targetName, i + 1);
                return null;
            }

            error = outcome.Detail;
            DeliveryLog.TryFailed(_logger, channel, message.Id, i + 1, targetName, error);
            if (i + 1 < tries && _options.Backoff > TimeSpan.Zero)
            {
                await Task.Delay(_options.Backoff, _time, cancellationToken);
            }
        }

        return error;
    }

    /// <summary>Writes a failed message to its queue; when Redis cannot take it, holds it in memory for the retrier.</summary>
    public async Task WriteOrHoldAsync(PendingQueueWrite write, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(write, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            DeliveryLog.RedisFailed(_logger, write.Record.Message.Id, "failure queue", e.Message);
            if (!_pending.TryAdd(write))
            {
                _metrics.Message(write.Record.Message.Channel, "lost");
                DeliveryLog.PendingFull(_logger, _pending.Count, write.Record.Message.Id);
            }
        }
    }

    /// <summary>Writes held messages while Redis takes them; stops at the first error (the rest stay held).</summary>
    public async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        while (_pending.TryTake(out var write))
        {
            try
            {
                await WriteAsync(write, cancellationToken);
                written++;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (!_pending.TryAdd(write))
                {
                    DeliveryLog.PendingFull(_logger, _pending.Count, write.Record.Message.Id);
                }

                break;
            }
        }

        if (written > 0)
        {
            DeliveryLog.PendingFlushed(_logger, written);
        }
    }

    private Task WriteAsync(PendingQueueWrite write, CancellationToken cancellationToken) => write.Due is { } due
        ? _store.ScheduleAsync(write.Record, due, cancellationToken, write.Source)
        : _store.MoveToFinalAsync(write.Record, _time.GetUtcNow(), cancellationToken, write.Source);

    private async Task CompleteAsync(string id, DeliveryQueue source, CancellationToken cancellationToken)
    {
        if (source != DeliveryQueue.None)
        {
            await TryRedisAsync(id, "complete", ct => _store.CompleteAsync(id, ct, source), cancellationToken);
        }
    }

    private async Task<bool> IsSentAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await _store.IsSentAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Better a rare second alarm than none.
            DeliveryLog.RedisFailed(_logger, id, "sent check", e.Message);
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
            DeliveryLog.RedisFailed(_logger, id, step, e.Message);
        }
    }
}
