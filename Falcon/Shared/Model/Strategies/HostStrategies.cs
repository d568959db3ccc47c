using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>open-falcon's HostStrategy: the strategies judge applies to one endpoint.</summary>
internal sealed class HostStrategies
{
    [JsonPropertyName("hostname")]
    public string Hostname { get; init; } = "";

    [JsonPropertyName("strategies")]
    public IReadOnlyList<Strategy> Strategies { get; init => field = value ?? []; } = [];
}
