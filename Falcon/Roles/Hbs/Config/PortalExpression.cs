using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A row of falcon_portal.expression with an action and not paused; the expression and right value are raw column text.</summary>
internal sealed record PortalExpression(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("expression")] string Expression,
    [property: JsonPropertyName("func")] string Func,
    [property: JsonPropertyName("op")] string Operator,
    [property: JsonPropertyName("rightValue")] string RightValue,
    [property: JsonPropertyName("maxStep")] int MaxStep,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("actionId")] long ActionId);
