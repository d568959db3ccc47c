using System.Text.Json.Serialization;
using Falcon.Shared.Wire;

namespace Falcon.Shared.Model.Strategies;

/// <summary>open-falcon's Expression (common/model/expression.go): a strategy over every endpoint whose item matches the tags.</summary>
internal sealed record Expression
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    [JsonPropertyName("metric")]
    public string Metric { get; init; } = "";

    /// <summary>Tags to match; <c>endpoint</c> may be among them as a pseudo-tag; a JSON null reads as none.</summary>
    [JsonPropertyName("tags")]
    public TagSet Tags { get; init => field = value ?? TagSet.Empty; } = TagSet.Empty;

    [JsonPropertyName("func")]
    public string Func { get; init; } = "";

    [JsonPropertyName("operator")]
    public string Operator { get; init; } = "";

    /// <summary>The threshold, written as Go writes a float64 (<c>90</c>, not <c>90.0</c>).</summary>
    [JsonPropertyName("rightValue")]
    [JsonConverter(typeof(GoDoubleJsonConverter))]
    public double RightValue { get; init; }

    [JsonPropertyName("maxStep")]
    public int MaxStep { get; init; }

    [JsonPropertyName("priority")]
    public int Priority { get; init; }

    [JsonPropertyName("note")]
    public string Note { get; init; } = "";

    [JsonPropertyName("actionId")]
    public long ActionId { get; init; }
}
