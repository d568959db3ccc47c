using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>Why hbs serves what it serves to one host: each strategy with the group and template chain it comes through, the expressions naming the host, and its maintenance window.</summary>
internal sealed record HostExplanation(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("maintainBegin")] long MaintainBegin,
    [property: JsonPropertyName("maintainEnd")] long MaintainEnd,
    [property: JsonPropertyName("strategies")] IReadOnlyList<StrategyReason> Strategies,
    [property: JsonPropertyName("expressions")] IReadOnlyList<ExplainedExpression> Expressions);
