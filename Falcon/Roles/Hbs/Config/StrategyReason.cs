using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>
/// One strategy a host gets: through <see cref="Group"/>, which binds <see cref="Template"/>; <see cref="Via"/> is the
/// template chain from that bound template up to the one holding the strategy (just the bound one when it holds it).
/// </summary>
internal sealed record StrategyReason(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("template")] string Template,
    [property: JsonPropertyName("via")] IReadOnlyList<string> Via,
    [property: JsonPropertyName("strategy")] ExplainedStrategy Strategy);
