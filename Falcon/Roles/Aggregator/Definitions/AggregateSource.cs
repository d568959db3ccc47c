namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>The table a definition was read from; part of its key, so ids of different tables never collide.</summary>
internal enum AggregateSource
{
    /// <summary>open-falcon's `cluster` table.</summary>
    Cluster,

    /// <summary>Falcon's `falcon_aggregate` table.</summary>
    Aggregate,

    /// <summary>The fork's `poly_metric` table.</summary>
    PolyMetric,
}
