using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Judge.Matching;

/// <summary>The expressions, indexed under each of their tags as judge's ExpressionMap; immutable, so a sync swaps in a new one.</summary>
internal sealed class ExpressionIndex
{
    private const string EndpointTag = "endpoint";

    // Go's key is the string "metric/k=v"; a (metric, k, v) tuple finds the same entries without building a string per tag per point.
    private readonly Dictionary<(string Metric, string Key, string Value), Expression[]> _byMetricTag;
    private readonly HashSet<string> _metrics;

    public ExpressionIndex(ExpressionsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var lists = new Dictionary<(string, string, string), List<Expression>>();
        _metrics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in response.Expressions)
        {
            // An expression without tags is under no key, so (as in Go) it never matches and does not count as using its metric.
            foreach (var (key, value) in expression.Tags)
            {
                var indexKey = (expression.Metric, key, value);
                if (!lists.TryGetValue(indexKey, out var list))
                {
                    lists[indexKey] = list = [];
                }

                list.Add(expression);
                _metrics.Add(expression.Metric);
            }
        }

        _byMetricTag = lists.ToDictionary(static pair => pair.Key, static pair => pair.Value.ToArray());
    }

    public static ExpressionIndex Empty { get; } = new(new ExpressionsResponse());

    /// <summary>How many (metric, tag) keys have expressions.</summary>
    public int Count => _byMetricTag.Count;

    /// <summary>Every indexed expression (one under several tags appears several times).</summary>
    public IEnumerable<Expression> All => _byMetricTag.Values.SelectMany(static expressions => expressions);

    /// <summary>The metrics some expression is on.</summary>
    public IReadOnlyCollection<string> Metrics => _metrics;

    /// <summary>Whether any expression is on <paramref name="metric"/>.</summary>
    public bool UsesMetric(string metric) => _metrics.Contains(metric);

    /// <summary>The expressions whose every tag, with <c>endpoint</c> as a pseudo-tag, the item carries; each at most once.</summary>
    public IReadOnlyList<Expression> Match(string endpoint, string metric, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (!_metrics.Contains(metric))
        {
            return [];
        }

        List<Expression>? matched = null;
        foreach (var (key, value) in tags)
        {
            Collect((metric, key, value), endpoint, tags, ref matched);
        }

        Collect((metric, EndpointTag, endpoint), endpoint, tags, ref matched);
        return matched is null ? [] : matched;
    }

    private void Collect((string, string, string) indexKey, string endpoint, TagSet tags, ref List<Expression>? matched)
    {
        if (!_byMetricTag.TryGetValue(indexKey, out var candidates))
        {
            return;
        }

        foreach (var expression in candidates)
        {
            if (!IsRelated(expression, endpoint, tags) || Contains(matched, expression.Id))
            {
                continue;
            }

            (matched ??= []).Add(expression);
        }
    }

    private static bool IsRelated(Expression expression, string endpoint, TagSet tags)
    {
        foreach (var (key, value) in expression.Tags)
        {
            // Go copies the item's tags over {"endpoint": item.Endpoint}, so a real "endpoint" tag wins over the pseudo-tag.
            if (!tags.TryGetValue(key, out string? itemValue))
            {
                if (!string.Equals(key, EndpointTag, StringComparison.Ordinal))
                {
                    return false;
                }

                itemValue = endpoint;
            }

            if (!string.Equals(itemValue, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Go dedupes by expression id; a point reaches a handful of expressions at most, so a scan beats a set.
    private static bool Contains(List<Expression>? matched, long id)
    {
        if (matched is null)
        {
            return false;
        }

        foreach (var expression in matched)
        {
            if (expression.Id == id)
            {
                return true;
            }
        }

        return false;
    }
}
