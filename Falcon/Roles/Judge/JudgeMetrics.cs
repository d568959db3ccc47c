using System.Diagnostics.Metrics;
using Falcon.Roles.Judge.Sync;
using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Judge;

/// <summary>The judge's instruments: points in, points judged, events out, and what waits.</summary>
internal sealed class JudgeMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _judged;
    private readonly Counter<long> _filtered;
    private readonly Counter<long> _stale;
    private readonly Counter<long> _events;
    private readonly Counter<long> _eventRetries;
    private readonly Counter<long> _warmFailures;

    public JudgeMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(RuleSyncMetrics.MeterName);
        _received = _meter.CreateCounter<long>("falcon.judge.points.received", "{point}", "points handed to the judge (in process or by Judge.Send)");
        _dropped = _meter.CreateCounter<long>("falcon.judge.points.dropped", "{point}", "points dropped because the judge queue was full");
        _judged = _meter.CreateCounter<long>("falcon.judge.points.judged", "{point}", "points added to a series history and judged");
        _filtered = _meter.CreateCounter<long>("falcon.judge.points.filtered", "{point}", "points on metrics no strategy or expression uses");
        _stale = _meter.CreateCounter<long>("falcon.judge.points.stale", "{point}", "points not newer than their series' newest, ignored as open-falcon does");
        _events = _meter.CreateCounter<long>("falcon.judge.events.sent", "{event}", "events pushed to Redis, by status");
        _eventRetries = _meter.CreateCounter<long>("falcon.judge.events.retries", "{attempt}", "event pushes that failed and were retried");
        _warmFailures = _meter.CreateCounter<long>("falcon.judge.last_events.read_failures", "{event id}", "last events that could not be read back from Redis");
    }

    public void Received(int count) => _received.Add(count);

    public void Dropped(int count) => _dropped.Add(count);

    public void Judged(int judged, int filtered, int stale)
    {
        _judged.Add(judged);
        _filtered.Add(filtered);
        _stale.Add(stale);
    }

    public void EventSent(string status) => _events.Add(1, new KeyValuePair<string, object?>("status", status == JudgeEventStatus.Problem ? "PROBLEM" : "OK"));

    public void EventRetried() => _eventRetries.Add(1);

    public void WarmFailed(int count) => _warmFailures.Add(count);

    public void ObserveOutbox(Func<int> pending) =>
        _meter.CreateObservableGauge("falcon.judge.events.pending", pending, "{event}", "events decided and not yet in Redis");

    public void ObserveQueue(Func<long> queued) =>
        _meter.CreateObservableGauge("falcon.judge.queue_depth", queued, "{point}", "points waiting to be judged");

    public void ObserveSeries(Func<int> series) =>
        _meter.CreateObservableGauge("falcon.judge.series", series, "{series}", "series with a history");
}
