using System.Diagnostics.Metrics;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>The snapshot cache's instruments on the hbs meter.</summary>
internal sealed class SnapshotCacheMetrics
{
    private readonly Counter<long> _publishes;
    private readonly Counter<long> _fallbacks;

    public SnapshotCacheMetrics(IMeterFactory meterFactory, SnapshotCache cache)
    {
        var meter = meterFactory.Create(HbsTelemetry.MeterName);
        _publishes = meter.CreateCounter<long>("falcon.hbs.cache.publishes", description: "snapshots this instance loaded as lock holder and published to Redis");
        _fallbacks = meter.CreateCounter<long>("falcon.hbs.cache.fallbacks", description: "loads from the database because Redis had no fresh snapshot, by reason");
        meter.CreateObservableGauge("falcon.hbs.cache.generation", () => cache.Current?.Generation ?? 0, description: "generation of the snapshot served (0: loaded here, unpublished)");
        meter.CreateObservableGauge(
            "falcon.hbs.cache.age",
            () => cache.Age is { } age ? [new Measurement<double>(age.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s",
            description: "age of the snapshot served (none before the first)");
        meter.CreateObservableGauge("falcon.hbs.cache.leader", () => cache.IsLeader ? 1 : 0, description: "1 while this instance holds the refresh lock");
    }

    public void Published() => _publishes.Add(1);

    public void FellBack(string reason) => _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
