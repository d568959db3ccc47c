namespace Falcon.Shared.Model;

/// <summary>A pushed item that passed transfer's checks (Go's MetaData): value parsed, tags parsed, timestamp fixed up.</summary>
internal sealed record MetricSample
{
    public required string Endpoint { get; init; }

    public required string Metric { get; init; }

    public required TagSet Tags { get; init; }

    /// <summary>Always finite.</summary>
    public required double Value { get; init; }

    /// <summary>The pushed step, always positive; <see cref="StepRule"/> raises it for judge and graph.</summary>
    public required long Step { get; init; }

    public required CounterType CounterType { get; init; }

    /// <summary>Unix seconds, as pushed unless it was not positive or beyond twice the receive time.</summary>
    public required long Timestamp { get; init; }
}
