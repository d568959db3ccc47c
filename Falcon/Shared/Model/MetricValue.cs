using System.Text.Json.Serialization;

namespace Falcon.Shared.Model;

/// <summary>One item of open-falcon's push format (Go's MetricValue) as received, before transfer's checks.</summary>
/// <remarks>Fields hold Go's zero values ("" and 0) when absent, so the checks read the same as Go's.</remarks>
[JsonConverter(typeof(MetricValueJsonConverter))]
internal sealed class MetricValue
{
    public string Endpoint { get; init; } = "";

    public string Metric { get; init; } = "";

    public MetricRawValue Value { get; init; }

    public long Step { get; init; }

    /// <summary>The raw "counterType" text; see <see cref="CounterTypes.TryParse"/>.</summary>
    public string CounterType { get; init; } = "";

    /// <summary>The raw "k1=v1,k2=v2" text; see <see cref="TagSet.Parse"/>.</summary>
    public string Tags { get; init; } = "";

    public long Timestamp { get; init; }

    /// <summary>Why this item could not be decoded (a field of the wrong JSON type), or null; such an item counts as invalid.</summary>
    public string? DecodeError { get; init; }
}
