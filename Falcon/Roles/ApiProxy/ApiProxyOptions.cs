using Falcon.Shared.Configuration;

namespace Falcon.Roles.ApiProxy;

/// <summary>The `apiproxy` section: one query address over every datacenter (open-falcon's graph API and PromQL).</summary>
internal sealed class ApiProxyOptions
{
    public const string SectionName = "apiproxy";

    /// <summary>HTTP listener for the query API, /health and /metrics (the fork's web_port).</summary>
    [ListenAddress("apiproxy.httpListen")]
    public string HttpListen { get; set; } = "0.0.0.0:8080";

    /// <summary>open-falcon's `default_token`: an Apitoken whose sig equals it is accepted for any name (server-to-server); empty turns that off.</summary>
    public string Token { get; set; } = "";

    /// <summary>Serve the Grafana plugin routes without credentials, as open-falcon's api does; off by default because they read every series.</summary>
    public bool GrafanaAnonymous { get; set; }

    /// <summary>Series one query may return, merged over every datacenter; beyond it the query fails with 422 and says so.</summary>
    [KeyedRange("apiproxy.maxSeries", 1, 10_000_000)]
    public int MaxSeries { get; set; } = 10_000;

    /// <summary>Points per series one query may ask for (range ÷ step), as Prometheus' own 11,000 limit.</summary>
    [KeyedRange("apiproxy.maxPointsPerSeries", 10, 10_000_000)]
    public int MaxPointsPerSeries { get; set; } = 11_000;

    /// <summary>The longest time range of one PromQL range query or series/label lookup.</summary>
    [DurationRange("apiproxy.maxRange", "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(400);

    /// <summary>The longest time range of a graph history or Grafana render query, which reads raw points.</summary>
    [DurationRange("apiproxy.maxHistoryRange", "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxHistoryRange { get; set; } = TimeSpan.FromDays(32);

    /// <summary>Queries in flight to one datacenter; a query waiting longer than that datacenter's timeout for a slot is reported as busy.</summary>
    [KeyedRange("apiproxy.maxConcurrentPerDatacenter", 1, 10_000)]
    public int MaxConcurrentPerDatacenter { get; set; } = 32;

    /// <summary>The largest `limit` of the graph endpoint and endpoint_counter searches (open-falcon's default is 500).</summary>
    [KeyedRange("apiproxy.maxLimit", 1, 1_000_000)]
    public int MaxLimit { get; set; } = 10_000;

    /// <summary>How far back lastpoint looks for a series' latest points.</summary>
    [DurationRange("apiproxy.lastpointLookback", "00:00:10", "7.00:00:00")]
    public TimeSpan LastpointLookback { get; set; } = TimeSpan.FromMinutes(10);
}
