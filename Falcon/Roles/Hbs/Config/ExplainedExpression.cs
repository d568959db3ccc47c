using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>An expression hbs serves (it has an action and is not paused), as stored.</summary>
internal sealed record ExplainedExpression(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("expression")] string Expression,
    [property: JsonPropertyName("func")] string Func,
    [property: JsonPropertyName("op")] string Operator,
    [property: JsonPropertyName("rightValue")] string RightValue,
    [property: JsonPropertyName("maxStep")] int MaxStep,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("note")] string Note)
{
    public static ExplainedExpression From(PortalExpression e) =>
        new(e.Id, e.Expression, e.Func, e.Operator, e.RightValue, e.MaxStep, e.Priority, e.Note);
}
