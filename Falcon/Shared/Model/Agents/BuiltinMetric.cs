using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Agents;

/// <summary>One builtin metric an agent must collect (net.port.listen, proc.num, du.bs, url.check.health) with its tag string.</summary>
internal sealed record BuiltinMetric(
    [property: JsonPropertyName("Metric")] string Metric,
    [property: JsonPropertyName("Tags")] string Tags);
