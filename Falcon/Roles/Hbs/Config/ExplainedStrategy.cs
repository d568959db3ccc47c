using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A strategy row as stored (tags, right value and run window as their column text).</summary>
internal sealed record ExplainedStrategy(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("tags")] string Tags,
    [property: JsonPropertyName("func")] string Func,
    [property: JsonPropertyName("op")] string Operator,
    [property: JsonPropertyName("rightValue")] string RightValue,
    [property: JsonPropertyName("maxStep")] int MaxStep,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("runBegin")] string RunBegin,
    [property: JsonPropertyName("runEnd")] string RunEnd,
    [property: JsonPropertyName("note")] string Note)
{
    public static ExplainedStrategy From(PortalStrategy s) =>
        new(s.Id, s.Metric, s.Tags, s.Func, s.Operator, s.RightValue, s.MaxStep, s.Priority, s.RunBegin, s.RunEnd, s.Note);
}
