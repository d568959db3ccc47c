using Falcon.Shared.Configuration;

namespace Falcon.Shared.Datacenters;

/// <summary>The `datacenterMap` section: how the endpoint → datacenter map learns from each datacenter's hbs.</summary>
internal sealed class DatacenterMapOptions
{
    public const string SectionName = "datacenterMap";

    /// <summary>How often every hbs is asked for its agents (the fork: 5 minutes, which left moved hosts misrouted for long).</summary>
    [DurationRange("datacenterMap.refreshInterval", "00:00:00.100", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The shortest time between two extra refreshes caused by queries for endpoints the map does not know.</summary>
    [DurationRange("datacenterMap.missRefreshInterval", "00:00:00", "01:00:00")]
    public TimeSpan MissRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for one call to one hbs, connecting included.</summary>
    [DurationRange("datacenterMap.callTimeout", "00:00:00.010", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Further attempts after a failed hbs call within one refresh, each after a doubled delay.</summary>
    [KeyedRange("datacenterMap.retries", 0, 10)]
    public int Retries { get; set; } = 2;

    /// <summary>The delay before the first retry; doubled for each further one.</summary>
    [DurationRange("datacenterMap.retryDelay", "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
