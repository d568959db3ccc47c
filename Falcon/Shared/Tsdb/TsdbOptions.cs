using Falcon.Shared.Configuration;


namespace Falcon.Shared.Tsdb;

/// <summary>The `tsdb` section: where metric data is written (Prometheus remote write) and read (Prometheus HTTP API).</summary>
internal sealed class TsdbOptions
{
    public const string SectionName = "tsdb";

    /// <summary>The remote-write receiver, e.g. VictoriaMetrics' /api/v1/write or Prometheus' /api/v1/write.</summary>
    [HttpUrl("tsdb.writeUrl")]
    public string WriteUrl { get; set; } = "http://127.0.0.1:8428/api/v1/write";

    /// <summary>The base of the Prometheus HTTP API (the part before /api/v1/query).</summary>
    [HttpUrl("tsdb.queryUrl")]
    public string QueryUrl { get; set; } = "http://127.0.0.1:8428";

    /// <summary>How long one write or query may take, including reading the response.</summary>
    [DurationRange("tsdb.timeout", "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
