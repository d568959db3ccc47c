using System.Diagnostics.Metrics;
using Falcon.Roles.Alarm.Channels;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>Delivery's instruments on the alarm role's meter: messages by channel and outcome, tries, and the failure queues' sizes.</summary>
internal sealed class DeliveryMetrics
{
    /// <summary>The alarm role's meter, Falcon.Alarm (one per role; docs/conventions.md).</summary>
    public const string MeterName = "Falcon.Alarm";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _tries;
    private long _failedQueue = -1;
    private long _finalQueue = -1;
    private long _outbox = -1;

    public DeliveryMetrics(IMeterFactory meterFactory, PendingQueueWrites pending)
    {
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("falcon.alarm.messages", description: "messages by channel and outcome: sent, failed (to the failure queue), final_failed, duplicate (already sent), unconfigured, lost");
        _tries = meter.CreateCounter<long>("falcon.alarm.delivery.tries", description: "single tries at a bot or provider by channel, target (primary, backup) and outcome (ok, error)");
        meter.CreateObservableGauge("falcon.alarm.delivery.failure_queue", () => Observe(_failedQueue), description: "messages waiting in the failure queue for another round");
        meter.CreateObservableGauge("falcon.alarm.delivery.final_failure_queue", () => Observe(_finalQueue), description: "messages that failed every round (see falcon alarm failed)");
        meter.CreateObservableGauge("falcon.alarm.delivery.outbox", () => Observe(_outbox), description: "messages dispatched by routing and waiting for their first round");
        meter.CreateObservableGauge("falcon.alarm.delivery.pending_writes", () => (long)pending.Count, description: "failed messages held in memory because Redis could not take them");
    }

    public void Message(ChannelKind channel, string outcome) =>
        _messages.Add(1, new KeyValuePair<string, object?>("channel", Name(channel)), new KeyValuePair<string, object?>("outcome", outcome));

    public void Try(ChannelKind channel, ChannelTarget target, bool ok) =>
        _tries.Add(
            1,
            new KeyValuePair<string, object?>("channel", Name(channel)),
            new KeyValuePair<string, object?>("target", target == ChannelTarget.Primary ? "primary" : "backup"),
            new KeyValuePair<string, object?>("outcome", ok ? "ok" : "error"));

    public void QueueSizes(long outbox, long failed, long final)
    {
        Volatile.Write(ref _outbox, outbox);
        Volatile.Write(ref _failedQueue, failed);
        Volatile.Write(ref _finalQueue, final);
    }

    public static string Name(ChannelKind channel) => channel switch
    {
        ChannelKind.Im => "im",
        ChannelKind.Phone => "phone",
        ChannelKind.Sms => "sms",
        _ => "mail",
    };

    // Nothing is reported until the first read of Redis succeeds, rather than a misleading 0.
    private static IEnumerable<Measurement<long>> Observe(long value) =>
        value >= 0 ? [new Measurement<long>(value)] : [];
}
