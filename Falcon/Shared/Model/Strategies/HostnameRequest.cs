using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>`Hbs.GetStrategiesOne` params in the fork: `{"hostname":"host-1"}`.</summary>
internal sealed class HostnameRequest
{
    [JsonPropertyName("hostname")]
    public string Hostname { get; set; } = "";
}
