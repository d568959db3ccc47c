using System.Diagnostics.Metrics;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>The consumer's instruments on the alarm role's meter: queue depth per priority list, events read, handled and dead-lettered.</summary>
internal sealed class ConsumptionMetrics
{
    /// <summary>The alarm role's meter, Falcon.Alarm (one per role; docs/conventions.md).</summary>
    public const string MeterName = "Falcon.Alarm";

    private readonly string[] _queues;
    private readonly long[] _depths;
    private readonly Counter<long> _read;
    private readonly Counter<long> _handled;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _failures;

    public ConsumptionMetrics(IMeterFactory meters, string[] queues, Func<int> waiting)
    {
        _queues = queues;
        _depths = new long[queues.Length];
        var meter = meters.Create(MeterName);
        _read = meter.CreateCounter<long>("falcon.alarm.events.read", description: "events moved from the judge queues into this instance's in-flight lists, by queue");
        _handled = meter.CreateCounter<long>("falcon.alarm.events.handled", description: "events recorded, routed and acknowledged, by queue (its rate is events/s)");
        _deadLettered = meter.CreateCounter<long>("falcon.alarm.events.dead_lettered", description: "malformed events moved to the dead-letter list, by queue");
        _failures = meter.CreateCounter<long>("falcon.alarm.events.batch_failures", description: "event batches that failed and will be retried");
        meter.CreateObservableGauge("falcon.alarm.queue.depth", Depths, description: "events waiting in each judge queue (event:pN), sampled at each heartbeat");
        meter.CreateObservableGauge("falcon.alarm.events.waiting", waiting, description: "events read and waiting for a worker in this instance");
    }

    public void SetDepths(long[] depths) => Array.Copy(depths, _depths, Math.Min(depths.Length, _depths.Length));

    public void Read(string queue) => _read.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public void DeadLettered(string queue) => _deadLettered.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public void HandlerFailed() => _failures.Add(1);

    public void Handled(List<ConsumedEvent> batch)
    {
        foreach (var group in batch.GroupBy(static e => e.Queue))
        {
            _handled.Add(group.Count(), new KeyValuePair<string, object?>("queue", group.Key));
        }
    }

    private IEnumerable<Measurement<long>> Depths()
    {
        for (var i = 0; i < _queues.Length; i++)
        {
            yield return new Measurement<long>(Volatile.Read(ref _depths[i]), new KeyValuePair<string, object?>("queue", _queues[i]));
        }
    }
}
