using System.Diagnostics.CodeAnalysis;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Aggregates;

namespace Falcon.Roles.Aggregator.Definitions;

/// <summary>
/// A counter as open-falcon writes it, `metric` or `metric/k=v,k2=v2`: the metric and the tags a host's series must
/// carry. A host whose series carry more tags (several interfaces of net.if.in.bytes) contributes their sum.
/// </summary>
internal sealed record CounterSpec(string Metric, TagSet Tags)
{
    /// <summary>The canonical text, `metric` or `metric/sortedTags` (the fork's output metric).</summary>
    public string Text => Tags.Count == 0 ? Metric : $"{Metric}/{Tags.Canonical}";

    /// <summary>Parses with <see cref="AggregateRules.TryParseCounter"/>, the rule the console validates with too.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CounterSpec? counter, [NotNullWhen(false)] out string? error)
    {
        counter = AggregateRules.TryParseCounter(text, out var metric, out var tags, out error) ? new CounterSpec(metric, tags) : null;
        return counter is not null;
    }

    public override string ToString() => Text;
}
