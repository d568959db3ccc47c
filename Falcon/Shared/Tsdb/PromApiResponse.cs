using System.Text.Json;
using System.Text.Json.Serialization;

namespace Falcon.Shared.Tsdb;

/// <summary>The envelope every Prometheus HTTP API answer shares; data's shape depends on the endpoint, so it stays a JsonElement.</summary>
internal sealed class PromApiResponse
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("data")]
    public JsonElement Data { get; set; }

    [JsonPropertyName("errorType")]
    public string? ErrorType { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("warnings")]
    public IReadOnlyList<string>? Warnings { get; set; }
}
