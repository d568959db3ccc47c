using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>
/// The fork's UnionStrategiesResponse (`Hbs.GetUnionStrategies`): union_strategy id (a JSON object key, as Go writes
/// an int map key) to the strategies it combines. Keys are in Go's order: sorted as strings.
/// </summary>
internal sealed class UnionStrategiesResponse
{
    [JsonPropertyName("union_strategies_map")]
    public IReadOnlyDictionary<string, IReadOnlyList<Strategy>> UnionStrategiesMap { get; set; } = new Dictionary<string, IReadOnlyList<Strategy>>();
}
