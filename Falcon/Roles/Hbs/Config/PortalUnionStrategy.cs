using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>A row of the fork's union_strategy: a combined alarm over the strategies listed in <c>strategyIds</c> ("12,15").</summary>
internal sealed record PortalUnionStrategy(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("strategyIds")] string StrategyIds);
