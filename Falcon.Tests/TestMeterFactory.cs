using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Falcon.Tests;

/// <summary>An <see cref="IMeterFactory"/> of its own, so each cache under test has its own meter, recording what its counters add.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentBag<Meter> _meters = [];
    private readonly ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly MeterListener _listener = new();

    public TestMeterFactory()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, this);
        _meters.Add(meter);
        return meter;
    }

    /// <summary>What a counter added, optionally only with one tag value.</summary>
    public long Sum(string instrument, string? tag = null, string? value = null) =>
        _measurements
            .Where(m => m.Instrument == instrument)
            .Where(m => tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value)))
            .Sum(m => m.Value);

    /// <summary>The latest value of an observable gauge.</summary>
    public double? Observe(string instrument)
    {
        double? observed = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Name == instrument && _meters.Contains(i.Meter))
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => observed = v);
        listener.SetMeasurementEventCallback<int>((_, v, _, _) => observed = v);
        listener.SetMeasurementEventCallback<double>((_, v, _, _) => observed = v);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
