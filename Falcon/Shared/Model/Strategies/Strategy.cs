using System.Text.Json.Serialization;
using Falcon.Shared.Wire;

namespace Falcon.Shared.Model.Strategies;

/// <summary>open-falcon's Strategy (common/model/strategy.go) as hbs sends it to judge; fields in Go's order.</summary>
internal sealed record Strategy
{
    [JsonPropertyName("id")]
    public long Id { get; init; }

    [JsonPropertyName("metric")]
    public string Metric { get; init; } = "";

    /// <summary>Tags an item must carry with equal values; written as a JSON object in Go's sorted key order; a JSON null reads as none.</summary>
    [JsonPropertyName("tags")]
    public TagSet Tags { get; init => field = value ?? TagSet.Empty; } = TagSet.Empty;

    /// <summary>The judge function, e.g. <c>all(#3)</c>.</summary>
    [JsonPropertyName("func")]
    public string Func { get; init; } = "";

    /// <summary>The comparison, e.g. <c>&lt;</c>, <c>&gt;=</c>, <c>!=</c>.</summary>
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

    /// <summary>The template the strategy reaches the host through (the youngest of its chain); its actionId routes alarms.</summary>
    [JsonPropertyName("tpl")]
    public Template? Tpl { get; init; }

    /// <summary>
    /// The fork's combined alarm (falcon_portal.union_strategy) this strategy belongs to, 0 for none; written only
    /// when set, so upstream judges see the upstream shape.
    /// </summary>
    [JsonPropertyName("union_strategy_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long UnionStrategyId { get; init; }
}
