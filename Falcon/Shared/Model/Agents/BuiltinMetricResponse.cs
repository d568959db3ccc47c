using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>`Agent.BuiltinMetrics` reply; `Metrics` is empty when the agent's checksum is current.</summary>
internal sealed class BuiltinMetricResponse
{
    [JsonPropertyName("Metrics")]
    public IReadOnlyList<BuiltinMetric> Metrics { get; set; } = [];

    [JsonPropertyName("Checksum")]
    public string Checksum { get; set; } = string.Empty;

    [JsonPropertyName("Timestamp")]
    public long Timestamp { get; set; }
}
