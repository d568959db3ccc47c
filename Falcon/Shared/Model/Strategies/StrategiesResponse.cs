using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>`Hbs.GetStrategies` reply: every monitored host with at least one strategy in its run window.</summary>
internal sealed class StrategiesResponse
{
    [JsonPropertyName("hostStrategies")]
    public IReadOnlyList<HostStrategies> HostStrategies { get; init => field = value ?? []; } = [];
}
