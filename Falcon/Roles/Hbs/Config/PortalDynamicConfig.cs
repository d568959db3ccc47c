using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Config;

/// <summary>An enabled (status = 1) row of the fork's dynamic_config: collect <c>metric</c> on <c>endpoint</c> every <c>interval</c> seconds.</summary>
internal sealed record PortalDynamicConfig(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("interval")] int Interval);
