using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>
/// Where an event's messages enter delivery: routing hands them over here and they are in the Redis outbox, one entry
/// per destination (see <see cref="Split"/>), when the call returns. <see cref="DeliveryOutboxService"/> takes them
/// from there to <see cref="DeliveryRounds"/>.
/// </summary>
internal sealed class DeliveryIntake(
    IEnumerable<IChannelSender> senders,
    FailureStore store,
    DeliverySignal signal,
    DeliveryMetrics metrics,
    TimeProvider time,
    ILogger<DeliveryIntake> logger) : IAlarmDispatcher
{
    private readonly Dictionary<ChannelKind, IChannelSender> _senders = senders.ToDictionary(s => s.Channel);

    /// <summary>
    /// Accepts a message durably and wakes the outbox sender. Throws when Redis cannot take it, so routing keeps the
    /// event. A message for a channel with nothing configured is counted and dropped.
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

        await store.EnqueueAsync(records, time.GetUtcNow(), cancellationToken);
        signal.Notify();
    }

    /// <summary>
    /// One message per destination, each under an id derived from the message's, so each gets its own rounds and a
    /// failing destination does not resend to the others: IM per group webhook, phone and SMS per recipient when the
    /// provider takes one per request.
    /// </summary>
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

    private bool TryGetSender(AlarmMessage message, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IChannelSender? sender)
    {
        if (_senders.TryGetValue(message.Channel, out sender) && sender.IsConfigured)
        {
            return true;
        }

        metrics.Message(message.Channel, "unconfigured");
        DeliveryLog.Unconfigured(logger, DeliveryMetrics.Name(message.Channel), DeliveryMetrics.Name(message.Channel), message.Id);
        return false;
    }
}
