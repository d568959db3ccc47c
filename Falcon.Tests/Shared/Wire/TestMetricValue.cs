using System.Text.Json.Serialization;

namespace Falcon.Tests.Shared.Wire;

/// <summary>Go's model.MetricValue as the agent pushes it to Transfer.Update.</summary>
internal sealed record TestMetricValue(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("counterType")] string CounterType,
    [property: JsonPropertyName("tags")] string Tags,
    [property: JsonPropertyName("timestamp")] long Timestamp);
