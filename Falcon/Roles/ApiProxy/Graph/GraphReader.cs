using System.Globalization;
using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>Reads falcon series from the datacenters' TSDBs for the graph API: points, endpoint names, counters and their steps.</summary>
internal sealed class GraphReader(DatacenterMap map, QueryFanOut fanOut, IOptions<ApiProxyOptions> options, TimeProvider timeProvider)
{
    /// <summary>The window whose point count gives a series' step.</summary>
    public static readonly TimeSpan StepWindow = TimeSpan.FromMinutes(10);

    public DatacenterMap Map => map;

    /// <summary>
    /// The raw points of each requested (endpoint, counter) in (from, to], read from the datacenters each endpoint
    /// reports to (the current one only when <paramref name="currentOnly"/>), or from all of them when unknown.
    /// </summary>
    public async Task<(Dictionary<(string Endpoint, string Counter), GraphSeries> Series, IReadOnlyList<DatacenterFailure> Failures, bool AnyAnswered)> ReadPointsAsync(
        string route, IReadOnlyList<(string Endpoint, string Counter)> items, long from, long to, bool currentOnly, CancellationToken cancellationToken)
    {
        var wanted = items.Select(i => (i.Endpoint, GraphCounter.Normalize(i.Counter))).ToHashSet();
        var metricsByEndpoint = wanted.GroupBy(i => i.Endpoint, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => GraphCounter.Parse(i.Item2).Metric).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var groups = map.Split(metricsByEndpoint.Keys, currentOnly);
        var range = Math.Max(1, to - from);
        var result = await fanOut.RunAsync(route, groups.Keys, (client, dc, ct) =>
        {
            var endpoints = groups[dc];
            var metrics = endpoints.SelectMany(e => metricsByEndpoint[e]).ToHashSet(StringComparer.Ordinal);
            var query = PromSelectors.Series(endpoints, metrics) + "[" + range.ToString(CultureInfo.InvariantCulture) + "s]";
            return client.QueryAsync(query, DateTimeOffset.FromUnixTimeSeconds(to), ct);
        }, cancellationToken);

        var series = new Dictionary<(string, string), GraphSeries>();
        foreach (var (_, answer) in result.Answers)
        {
            foreach (var one in answer.Series)
            {
                if (!SeriesMapping.TryFromLabels(one.Labels, out var falcon, out _))
                {
                    continue;
                }

                var key = (falcon.Endpoint, GraphCounter.Format(falcon));
                if (!wanted.Contains(key))
                {
                    continue;
                }

                if (!series.TryGetValue(key, out var merged))
                {
                    if (series.Count >= options.Value.MaxSeries)
                    {
                        throw new QueryLimitException($"the query reads more than apiproxy.maxSeries ({options.Value.MaxSeries}) series; ask for fewer endpoints or counters");
                    }

                    series[key] = merged = new GraphSeries(falcon.Endpoint, key.Item2, falcon.CounterType);
                }

                merged.Add(one.Samples);
            }
        }

        return (series, result.Failures, result.Answers.Count > 0);
    }

    /// <summary>The endpoint names matching every selector matcher in <paramref name="matchers"/>, unioned over every datacenter.</summary>
    public async Task<(SortedSet<string> Endpoints, FanOutResult<IReadOnlyList<string>> Result)> EndpointNamesAsync(
        string route, IReadOnlyList<string> matchers, CancellationToken cancellationToken)
    {
        var selector = "{" + string.Join(',', matchers.Prepend(SeriesMapping.EndpointLabel + "!=\"\"")) + "}";
        var result = await fanOut.RunAsync(route, map.Datacenters,
            (client, _, ct) => client.LabelValuesAsync(SeriesMapping.EndpointLabel, [selector], cancellationToken: ct), cancellationToken);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, values) in result.Answers)
        {
            names.UnionWith(values.Where(v => v.Length > 0));
        }

        return (names, result);
    }

    /// <summary>Every (endpoint, counter) of <paramref name="endpoints"/> with its type and step, from the datacenters they report to.</summary>
    public async Task<(SortedDictionary<(string Endpoint, string Counter), (string Type, int? Step)> Counters, IReadOnlyList<DatacenterFailure> Failures)> CountersAsync(
        string route, IReadOnlyCollection<string> endpoints, CancellationToken cancellationToken)
    {
        var counters = new SortedDictionary<(string, string), (string, int?)>(Comparer<(string, string)>.Create(
            static (a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var c and not 0 ? c : string.CompareOrdinal(a.Item2, b.Item2)));
        if (endpoints.Count == 0)
        {
            return (counters, []);
        }

        var groups = map.Split(endpoints, currentOnly: false);
        var now = timeProvider.GetUtcNow();
        var window = (long)StepWindow.TotalSeconds;
        var series = await fanOut.RunAsync(route, groups.Keys,
            (client, dc, ct) => client.SeriesAsync([PromSelectors.Series(groups[dc], null)], cancellationToken: ct), cancellationToken);
        // The TSDB keeps no step: it is inferred from the points of the last few minutes.
        var recent = await fanOut.RunAsync(route, groups.Keys,
            (client, dc, ct) => client.QueryAsync($"{PromSelectors.Series(groups[dc], null)}[{window}s]", now, ct), cancellationToken);
        foreach (var (_, labelSets) in series.Answers)
        {
            foreach (var labels in labelSets)
            {
                if (SeriesMapping.TryFromLabels(labels, out var falcon, out _))
                {
                    if (counters.Count >= options.Value.MaxSeries)
                    {
                        throw new QueryLimitException($"the endpoints have more than apiproxy.maxSeries ({options.Value.MaxSeries}) counters; ask for fewer endpoints");
                    }

                    counters.TryAdd((falcon.Endpoint, GraphCounter.Format(falcon)), (falcon.CounterType.ToWireString(), null));
                }
            }
        }

        foreach (var (_, answer) in recent.Answers)
        {
            foreach (var one in answer.Series)
            {
                if (SeriesMapping.TryFromLabels(one.Labels, out var falcon, out _)
                    && counters.TryGetValue((falcon.Endpoint, GraphCounter.Format(falcon)), out var known)
                    && Consolidation.InferStep(one.Samples) is { } step)
                {
                    counters[(falcon.Endpoint, GraphCounter.Format(falcon))] = (known.Item1, step);
                }
            }
        }

        return (counters, series.Failures.Concat(recent.Failures).DistinctBy(f => f.Datacenter).ToArray());
    }
}
