using System.Diagnostics.Metrics;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>The snapshot cache's instruments on the hbs meter.</summary>
internal sealed class SnapshotCacheMetrics
{
    private readonly Counter<long> _publishes;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _changeSignals;
    private readonly Counter<long> _changeReloads;

    public SnapshotCacheMetrics(IMeterFactory meterFactory, SnapshotCache cache)
    {
        var meter = meterFactory.Create(HbsTelemetry.MeterName);
        _publishes = meter.CreateCounter<long>("falcon.hbs.cache.publishes", description: "snapshots this instance loaded as lock holder and published to Redis");
        _fallbacks = meter.CreateCounter<long>("falcon.hbs.cache.fallbacks", description: "loads from the database because Redis had no fresh snapshot, by reason");
        _changeSignals = meter.CreateCounter<long>("falcon.hbs.cache.change_signals", description: "configuration change signals heard, by whether this instance held the refresh lock (only the holder acts)");
        _changeReloads = meter.CreateCounter<long>("falcon.hbs.cache.change_reloads", description: "reloads the holder made on change signals (a burst within hbs.cache.changeDebounce is one)");
        meter.CreateObservableGauge("falcon.hbs.cache.generation", () => cache.Current?.Generation ?? 0, description: "generation of the snapshot served (0: loaded here, unpublished)");
        meter.CreateObservableGauge(
            "falcon.hbs.cache.age",
            () => cache.Age is { } age ? [new Measurement<double>(age.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s",
            description: "age of the snapshot served (none before the first)");
        meter.CreateObservableGauge("falcon.hbs.cache.leader", () => cache.IsLeader ? 1 : 0, description: "1 while this instance holds the refresh lock");
    }

    public void Published() => _publishes.Add(1);

    public void ChangeHeard(bool holder) => _changeSignals.Add(1, new KeyValuePair<string, object?>("holder", holder ? "true" : "false"));

    public void ChangeReloaded() => _changeReloads.Add(1);

    public void FellBack(string reason) => _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
