using System.Text;
using Falcon.Shared.Model;

namespace Falcon.Roles.Transfer.Ingest;

/// <summary>
/// Transfer's own bounds on a point that passed open-falcon's checks: lengths the TSDB would cut or refuse, more tags
/// than it keeps labels, timestamps it would not store. Such a point counts as Invalid in the reply instead of being
/// acknowledged and then changed or dropped downstream.
/// </summary>
internal sealed class AcceptanceBounds(TransferOptions options)
{
    public const string EndpointTooLong = "endpoint_too_long";
    public const string MetricTooLong = "metric_too_long";
    public const string TooManyTags = "too_many_tags";
    public const string TagKeyTooLong = "tag_key_too_long";
    public const string TagValueTooLong = "tag_value_too_long";
    public const string TooOld = "timestamp_too_old";
    public const string TooNew = "timestamp_in_future";

    private readonly int _endpoint = options.MaxEndpointBytes;
    private readonly int _metric = options.MaxMetricBytes;
    private readonly int _tags = options.MaxTags;
    private readonly int _tagKey = options.MaxTagKeyBytes;
    private readonly int _tagValue = options.MaxTagValueBytes;
    private readonly long _past = (long)options.AcceptPast.TotalSeconds;
    private readonly long _future = (long)options.AcceptFuture.TotalSeconds;

    /// <summary>Null when <paramref name="sample"/> is within bounds at <paramref name="nowUnixSeconds"/>, else the reason (a metric tag).</summary>
    public string? Check(MetricSample sample, long nowUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Timestamp < nowUnixSeconds - _past)
        {
            return TooOld;
        }

        if (sample.Timestamp > nowUnixSeconds + _future)
        {
            return TooNew;
        }

        if (TooLong(sample.Endpoint, _endpoint))
        {
            return EndpointTooLong;
        }

        if (TooLong(sample.Metric, _metric))
        {
            return MetricTooLong;
        }

        var tags = sample.Tags;
        if (tags.Count == 0)
        {
            return null;
        }

        if (tags.Count > _tags)
        {
            return TooManyTags;
        }

        foreach (var (key, value) in tags.Pairs)
        {
            if (TooLong(key, _tagKey))
            {
                return TagKeyTooLong;
            }

            if (TooLong(value, _tagValue))
            {
                return TagValueTooLong;
            }
        }

        return null;
    }

    // A UTF-16 unit is at most three UTF-8 bytes, so short strings (nearly all) are not measured.
    private static bool TooLong(string text, int maxBytes) =>
        text.Length > maxBytes || (text.Length * 3 > maxBytes && Encoding.UTF8.GetByteCount(text) > maxBytes);
}
