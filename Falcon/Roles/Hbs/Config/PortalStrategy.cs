using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A row of falcon_portal.strategy as stored: tags ("k=v,k=v"), right value and run window are the raw column text; the fork's union_strategy_id is 0 where the column is missing.</summary>
internal sealed record PortalStrategy(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("tags")] string Tags,
    [property: JsonPropertyName("func")] string Func,
    [property: JsonPropertyName("op")] string Operator,
    [property: JsonPropertyName("rightValue")] string RightValue,
    [property: JsonPropertyName("maxStep")] int MaxStep,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("runBegin")] string RunBegin,
    [property: JsonPropertyName("runEnd")] string RunEnd,
    [property: JsonPropertyName("tplId")] long TemplateId,
    [property: JsonPropertyName("unionStrategyId")] long UnionStrategyId = 0);
