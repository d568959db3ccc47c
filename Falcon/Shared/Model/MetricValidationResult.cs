using System.Diagnostics.CodeAnalysis;

namespace Falcon.Shared.Model;

/// <summary>The outcome of checking one pushed item: a <see cref="MetricSample"/>, or the reason it counts as invalid.</summary>
internal readonly record struct MetricValidationResult
{
    private MetricValidationResult(MetricSample? sample, string? invalidReason)
    {
        Sample = sample;
        InvalidReason = invalidReason;
    }

    public MetricSample? Sample { get; }

    public string? InvalidReason { get; }

    [MemberNotNullWhen(true, nameof(Sample))]
    [MemberNotNullWhen(false, nameof(InvalidReason))]
    public bool IsValid => Sample is not null;

    public static MetricValidationResult Valid(MetricSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new(sample, null);
    }

    public static MetricValidationResult Invalid(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(null, reason);
    }
}
