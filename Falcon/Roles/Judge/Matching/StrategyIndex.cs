using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Judge.Matching;

/// <summary>The strategies of every host, by (endpoint, metric), as judge's StrategyMap; immutable, so a sync swaps in a new one.</summary>
internal sealed class StrategyIndex
{
    // Go keys the map by the string "endpoint/metric"; a tuple finds the same entries without building a string
    // per point (and without Go's ambiguity when an endpoint or metric holds '/').
    private readonly Dictionary<(string Endpoint, string Metric), Strategy[]> _byEndpointMetric;
    private readonly HashSet<string> _metrics;

    public StrategyIndex(StrategiesResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var lists = new Dictionary<(string, string), List<Strategy>>();
        _metrics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var host in response.HostStrategies)
        {
            foreach (var strategy in host.Strategies)
            {
                var key = (host.Hostname, strategy.Metric);
                if (!lists.TryGetValue(key, out var list))
                {
                    lists[key] = list = [];
                }

                list.Add(strategy);
                _metrics.Add(strategy.Metric);
            }
        }

        _byEndpointMetric = lists.ToDictionary(static pair => pair.Key, static pair => pair.Value.ToArray());
    }

    public static StrategyIndex Empty { get; } = new(new StrategiesResponse());

    /// <summary>How many (endpoint, metric) pairs have strategies.</summary>
    public int Count => _byEndpointMetric.Count;

    /// <summary>Every strategy of every host (a strategy reaching several hosts appears once per host).</summary>
    public IEnumerable<Strategy> All => _byEndpointMetric.Values.SelectMany(static strategies => strategies);

    /// <summary>The metrics some strategy is on.</summary>
    public IReadOnlyCollection<string> Metrics => _metrics;

    /// <summary>Whether any strategy is on <paramref name="metric"/>.</summary>
    public bool UsesMetric(string metric) => _metrics.Contains(metric);

    /// <summary>The strategies of (endpoint, metric) whose every tag the item carries with an equal value; extra item tags are allowed.</summary>
    public IReadOnlyList<Strategy> Match(string endpoint, string metric, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (!_byEndpointMetric.TryGetValue((endpoint, metric), out var candidates))
        {
            return [];
        }

        // Most points match all their candidates, so the stored array is handed out and a list is built only on a miss.
        List<Strategy>? matched = null;
        for (int i = 0; i < candidates.Length; i++)
        {
            bool related = TagsMatch(candidates[i].Tags, tags);
            if (matched is null && !related)
            {
                matched = new List<Strategy>(candidates.Length - 1);
                for (int j = 0; j < i; j++)
                {
                    matched.Add(candidates[j]);
                }
            }
            else if (matched is not null && related)
            {
                matched.Add(candidates[i]);
            }
        }

        return matched is null ? candidates : matched;
    }

    private static bool TagsMatch(TagSet required, TagSet itemTags)
    {
        foreach (var (key, value) in required)
        {
            if (!itemTags.TryGetValue(key, out string? itemValue) || !string.Equals(itemValue, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
