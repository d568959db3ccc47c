using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>The fork's SingleIdRequest, `Hbs.GetOneUnionStrategies` params: `{"id":7}`, a union_strategy id.</summary>
internal sealed class UnionIdRequest
{
    [JsonPropertyName("id")]
    public long Id { get; set; }
}
