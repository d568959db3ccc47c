using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>The fork's OneStrategiesResponse (`Hbs.GetOneEndStrategies`, `Hbs.GetOneUnionStrategies`): `{"strategies":[…]}`, null when none, as Go writes a nil slice.</summary>
internal sealed class OneStrategiesResponse
{
    [JsonPropertyName("strategies")]
    public IReadOnlyList<Strategy>? Strategies { get; set; }
}
