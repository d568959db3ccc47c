using System.Globalization;
using Falcon.Roles.ApiProxy.FalconApi;
using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>
/// Reads falcon series for the graph API from each datacenter's TSDB, or from its open-falcon api when it has one:
/// points, endpoint names, counters and their steps.
/// </summary>
internal sealed class GraphReader(DatacenterMap map, QueryFanOut fanOut, IOptions<ApiProxyOptions> options, TimeProvider timeProvider)
{
    /// <summary>The window whose point count gives a series' step.</summary>
    public static readonly TimeSpan StepWindow = TimeSpan.FromMinutes(10);

    public DatacenterMap Map => map;

    /// <summary>
    /// The points of each requested (endpoint, counter) in (from, to], read from the datacenters each endpoint reports
    /// to (the current one only when <paramref name="currentOnly"/>), or from all of them when unknown: raw from a
    /// TSDB, or through <paramref name="fromApi"/> from a datacenter with an open-falcon api (graph routes prefer it).
    /// </summary>
    public async Task<GraphPoints> ReadPointsAsync(
        string route,
        IReadOnlyList<(string Endpoint, string Counter)> items,
        long from,
        long to,
        bool currentOnly,
        Func<FalconApiClient, IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<HistorySeries>>> fromApi,
        CancellationToken cancellationToken)
    {
        var wanted = items.Select(i => (i.Endpoint, GraphCounter.Normalize(i.Counter))).ToHashSet();
        var metricsByEndpoint = wanted.GroupBy(i => i.Endpoint, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => GraphCounter.Parse(i.Item2).Metric).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var groups = map.Split(metricsByEndpoint.Keys, currentOnly);
        var range = Math.Max(1, to - from);
        var result = await fanOut.RunAsync(route, groups.Keys, async (backend, ct) =>
        {
            var endpoints = groups[backend.Datacenter];
            if (backend.Api is { } api)
            {
                return (Raw: (PromQueryResult?)null, Ready: await fromApi(api, endpoints, ct));
            }

            var metrics = endpoints.SelectMany(e => metricsByEndpoint[e]).ToHashSet(StringComparer.Ordinal);
            var query = PromSelectors.Series(endpoints, metrics) + "[" + range.ToString(CultureInfo.InvariantCulture) + "s]";
            return (Raw: await backend.Tsdb!.QueryAsync(query, DateTimeOffset.FromUnixTimeSeconds(to), ct), Ready: (IReadOnlyList<HistorySeries>)[]);
        }, cancellationToken);

        var series = new Dictionary<(string, string), GraphSeries>();
        var ready = new Dictionary<(string, string), HistorySeries>();
        foreach (var (_, answer) in result.Answers)
        {
            foreach (var one in answer.Ready)
            {
                var key = (one.Endpoint, one.Counter);
                if (wanted.Contains(key))
                {
                    CheckSeriesLimit(series.Count + ready.Count);
                    ready[key] = ready.TryGetValue(key, out var known) ? Later(known, one) : one;
                }
            }

            foreach (var one in answer.Raw?.Series ?? [])
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
                    CheckSeriesLimit(series.Count + ready.Count);
                    series[key] = merged = new GraphSeries(falcon.Endpoint, key.Item2, falcon.CounterType);
                }

                merged.Add(one.Samples);
            }
        }

        return new GraphPoints(series, ready, result.Failures, result.Answers.Count > 0);
    }

    /// <summary>The endpoint names matching every selector matcher in <paramref name="matchers"/> (or <paramref name="apiQuery"/> at an open-falcon api), unioned over every datacenter.</summary>
    public async Task<(SortedSet<string> Endpoints, FanOutResult<IReadOnlyList<string>> Result)> EndpointNamesAsync(
        string route, IReadOnlyList<string> matchers, ApiEndpointQuery apiQuery, CancellationToken cancellationToken)
    {
        var selector = "{" + string.Join(',', matchers.Prepend(SeriesMapping.EndpointLabel + "!=\"\"")) + "}";
        var result = await fanOut.RunAsync(route, map.Datacenters, (backend, ct) => backend.Api is { } api
            ? api.EndpointNamesAsync(apiQuery.Q, apiQuery.Tags, ct)
            : backend.Tsdb!.LabelValuesAsync(SeriesMapping.EndpointLabel, [selector], cancellationToken: ct), cancellationToken);
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
        var series = await fanOut.RunAsync(route, groups.Keys, async (backend, ct) =>
        {
            var group = groups[backend.Datacenter];
            return backend.Api is { } api
                ? (Labels: (IReadOnlyList<IReadOnlyDictionary<string, string>>)[], Known: await api.CountersAsync(group, ct))
                : (Labels: await backend.Tsdb!.SeriesAsync([PromSelectors.Series(group, null)], cancellationToken: ct), Known: (IReadOnlyList<FalconApiCounter>)[]);
        }, cancellationToken);

        // The TSDB keeps no step: it is inferred from the points of the last few minutes (graph knows its steps).
        var recent = await fanOut.RunAsync(route, groups.Keys.Where(dc => dc.Api is null),
            (client, dc, ct) => client.QueryAsync($"{PromSelectors.Series(groups[dc], null)}[{window}s]", now, ct), cancellationToken);
        foreach (var (_, answer) in series.Answers)
        {
            foreach (var known in answer.Known)
            {
                CheckCounterLimit(counters.Count);
                counters.TryAdd((known.Endpoint, known.Counter), (known.Type, known.Step));
            }

            foreach (var labels in answer.Labels)
            {
                if (SeriesMapping.TryFromLabels(labels, out var falcon, out _))
                {
                    CheckCounterLimit(counters.Count);
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

    private void CheckSeriesLimit(int count)
    {
        if (count >= options.Value.MaxSeries)
        {
            throw new QueryLimitException($"the query reads more than apiproxy.maxSeries ({options.Value.MaxSeries}) series; ask for fewer endpoints or counters");
        }
    }

    private void CheckCounterLimit(int count)
    {
        if (count >= options.Value.MaxSeries)
        {
            throw new QueryLimitException($"the endpoints have more than apiproxy.maxSeries ({options.Value.MaxSeries}) counters; ask for fewer endpoints");
        }
    }

    // Two apis answering for one series (a host that moved between two graph sites): the one with the later value.
    private static HistorySeries Later(HistorySeries a, HistorySeries b) =>
        LastTime(b) > LastTime(a) ? b : a;

    private static long LastTime(HistorySeries series) =>
        series.Values.Where(v => !double.IsNaN(v.Value)).Select(v => v.Timestamp).DefaultIfEmpty(0).Max();
}
