using System.Text;

namespace Falcon.Shared.Model;

/// <summary>Transfer's per-item checks, in the order of Go's RecvMetricValues; each failing item adds one to TransferResponse.Invalid.</summary>
internal static class MetricValueValidator
{
    public const int MaxMetricAndTagsBytes = 510;

    public const string NullItem = "item is null";
    public const string KernelHostname = "metric kernel.hostname is not accepted";
    public const string EmptyMetricOrEndpoint = "metric or endpoint is empty";
    public const string BadCounterType = "counterType is not GAUGE, COUNTER or DERIVE";
    public const string EmptyValue = "value is an empty string";
    public const string BadStep = "step is not positive";
    public const string TooLong = "metric and tags are longer than 510 bytes";
    public const string NotNumeric = "value is not a number or a numeric string";
    public const string NotFinite = "value is NaN or infinite";

    /// <summary>Checks one item against the receive time <paramref name="nowUnixSeconds"/>, taken once per batch as Go does.</summary>
    public static MetricValidationResult Validate(MetricValue? item, long nowUnixSeconds)
    {
        if (item is null)
        {
            return MetricValidationResult.Invalid(NullItem);
        }

        if (item.DecodeError is not null)
        {
            return MetricValidationResult.Invalid(item.DecodeError);
        }

        // Old agents pushed kernel.hostname with a string value; Go drops it by name.
        if (item.Metric == "kernel.hostname")
        {
            return MetricValidationResult.Invalid(KernelHostname);
        }

        if (item.Metric.Length == 0 || item.Endpoint.Length == 0)
        {
            return MetricValidationResult.Invalid(EmptyMetricOrEndpoint);
        }

        if (!CounterTypes.TryParse(item.CounterType, out CounterType counterType))
        {
            return MetricValidationResult.Invalid(BadCounterType);
        }

        if (item.Value.Kind == MetricValueKind.String && item.Value.Text!.Length == 0)
        {
            return MetricValidationResult.Invalid(EmptyValue);
        }

        if (item.Step <= 0)
        {
            return MetricValidationResult.Invalid(BadStep);
        }

        // Go's len() counts UTF-8 bytes, and it measures the tag text as pushed, spaces included.
        if (Encoding.UTF8.GetByteCount(item.Metric) + Encoding.UTF8.GetByteCount(item.Tags) > MaxMetricAndTagsBytes)
        {
            return MetricValidationResult.Invalid(TooLong);
        }

        double value;
        switch (item.Value.Kind)
        {
            case MetricValueKind.Number:
                value = item.Value.Number;
                break;
            case MetricValueKind.String when GoStrconv.TryParseFloat(item.Value.Text, out value):
                break;
            default:
                return MetricValidationResult.Invalid(NotNumeric);
        }

        // Go accepts "NaN" and "Inf" strings here. Falcon does not, deliberately: a JSON number is always
        // finite, and with every sample finite no event or TSDB write downstream meets NaN or Inf.
        if (!double.IsFinite(value))
        {
            return MetricValidationResult.Invalid(NotFinite);
        }

        long timestamp = item.Timestamp <= 0 || item.Timestamp > 2 * nowUnixSeconds ? nowUnixSeconds : item.Timestamp;
        return MetricValidationResult.Valid(new MetricSample
        {
            Endpoint = item.Endpoint,
            Metric = item.Metric,
            Tags = TagSet.Parse(item.Tags),
            Value = value,
            Step = item.Step,
            CounterType = counterType,
            Timestamp = timestamp,
        });
    }

    /// <summary>Checks one item against the current time of <paramref name="timeProvider"/>.</summary>
    public static MetricValidationResult Validate(MetricValue? item, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Validate(item, timeProvider.GetUtcNow().ToUnixTimeSeconds());
    }

    /// <summary>Checks a decoded batch, adding each valid sample to <paramref name="valid"/>; returns the invalid count.</summary>
    public static int ValidateBatch(IEnumerable<MetricValue?> items, long nowUnixSeconds, ICollection<MetricSample> valid)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(valid);
        int invalid = 0;
        foreach (var item in items)
        {
            var result = Validate(item, nowUnixSeconds);
            if (result.IsValid)
            {
                valid.Add(result.Sample);
            }
            else
            {
                invalid++;
            }
        }

        return invalid;
    }
}
