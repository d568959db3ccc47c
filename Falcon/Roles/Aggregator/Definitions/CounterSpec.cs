using System.Diagnostics.CodeAnalysis;
using Falcon.Shared.Model;

namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>
/// A counter as open-falcon writes it, `metric` or `metric/k=v,k2=v2`: the metric and the tags a host's series must
/// carry. A host whose series carry more tags (several interfaces of net.if.in.bytes) contributes their sum.
/// </summary>
internal sealed record CounterSpec(string Metric, TagSet Tags)
{
    /// <summary>The canonical text, `metric` or `metric/sortedTags` (the fork's output metric).</summary>
    public string Text => Tags.Count == 0 ? Metric : $"{Metric}/{Tags.Canonical}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out CounterSpec? counter, [NotNullWhen(false)] out string? error)
    {
        counter = null;
        var trimmed = text?.Trim() ?? "";
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var metric = slash < 0 ? trimmed : trimmed[..slash];
        if (metric.Length == 0)
        {
            error = $"counter '{text}' names no metric (expected metric or metric/k=v,...)";
            return false;
        }

        var tags = TagSet.Empty;
        if (slash >= 0)
        {
            var tagText = trimmed[(slash + 1)..];
            foreach (var pair in tagText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!pair.Contains('=', StringComparison.Ordinal) || pair.StartsWith('='))
                {
                    error = $"counter '{text}': tag '{pair}' is not k=v";
                    return false;
                }
            }

            tags = TagSet.Parse(tagText);
        }

        counter = new CounterSpec(metric, tags);
        error = null;
        return true;
    }

    public override string ToString() => Text;
}
