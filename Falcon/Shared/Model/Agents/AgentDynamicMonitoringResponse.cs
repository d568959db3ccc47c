using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>
/// The fork's AgentDynamicMonitoringConfigRpcResponse (`Agent.DynamicMonitoring`): `{"code":0,"args":{"metric":60}}`,
/// the collection interval in seconds of each metric configured for the host; code 1 (args null) = empty hostname.
/// </summary>
internal sealed class AgentDynamicMonitoringResponse
{
    [JsonPropertyName("code")]
    public int Code { get; set; }

    /// <summary>Metric to interval (seconds), in Go's key order (sorted); null only with code 1.</summary>
    [JsonPropertyName("args")]
    public IReadOnlyDictionary<string, int>? Args { get; set; }
}
