using Falcon.Shared.Model;

namespace Falcon.Shared.Silences;

/// <summary>
/// The counter a silence names: a metric, optionally narrowed by tags. `cpu.idle` silences the metric with any tags
/// (as the fork's silences, which ignored tags); `df.bytes.free.percent/mount=/data` only series carrying that tag.
/// </summary>
internal sealed class SilenceCounter
{
    /// <summary>The endpoint that stands for every endpoint (the fork's metric-only silence).</summary>
    public const string AnyEndpoint = "*";

    public const int MaxLength = 512;

    private SilenceCounter(string metric, TagSet tags)
    {
        Metric = metric;
        Tags = tags;
    }

    public string Metric { get; }

    public TagSet Tags { get; }

    /// <summary>`metric` or `metric/k=v,...` with the tags sorted, as open-falcon writes a counter.</summary>
    public string Canonical => SeriesKey.Counter(Metric, Tags);

    /// <summary>Parses `metric[/k=v,...]`; returns null and a problem a person can act on when it is not one.</summary>
    public static SilenceCounter? TryParse(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "counter is empty: give a metric such as cpu.idle, or metric/tag=value such as df.bytes.free.percent/mount=/data";
            return null;
        }

        if (text.Length > MaxLength)
        {
            problem = $"counter is longer than {MaxLength} characters";
            return null;
        }

        if (text.Any(char.IsControl))
        {
            problem = "counter must not contain control characters";
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var metric = (slash < 0 ? text : text[..slash]).Trim();
        if (metric.Length == 0)
        {
            problem = $"counter '{text}' has no metric before the '/'";
            return null;
        }

        var tags = TagSet.Empty;
        if (slash >= 0)
        {
            var tagText = text[(slash + 1)..];
            tags = TagSet.Parse(tagText);
            if (tags.Count == 0 || tags.Keys.Any(k => k.Length == 0))
            {
                problem = $"counter '{text}' has tags that are not k=v,k2=v2 after the '/'";
                return null;
            }
        }

        return new SilenceCounter(metric, tags);
    }

    /// <summary>True when a series of <paramref name="metric"/> with <paramref name="tags"/> falls under this counter: same metric, and every tag named here present with the same value.</summary>
    public bool Matches(string metric, TagSet tags)
    {
        if (!string.Equals(metric, Metric, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var (key, value) in Tags)
        {
            if (!tags.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
