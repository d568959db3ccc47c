using Falcon.Shared.Model;

namespace Falcon.Shared.Judging;

/// <summary>One point on its way to a judge (Go's JudgeItem): the raw value, step-aligned timestamp and counter type.</summary>
internal sealed record JudgeItem(string Endpoint, string Metric, TagSet Tags, double Value, long Timestamp, CounterType JudgeType)
{
    /// <summary>
    /// A nodata mock the judge made itself for a series gone quiet (never sent over the wire): judged like any point,
    /// but it does not count as the series reporting.
    /// </summary>
    public bool IsMock { get; init; }

    /// <summary>The judge item transfer makes of an accepted sample: the step rule applied, as Go's sender does.</summary>
    public static JudgeItem From(MetricSample sample, long minStep)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var (_, timestamp) = StepRule.Apply(sample.Step, sample.Timestamp, minStep);
        return new JudgeItem(sample.Endpoint, sample.Metric, sample.Tags, sample.Value, timestamp, sample.CounterType);
    }
}
