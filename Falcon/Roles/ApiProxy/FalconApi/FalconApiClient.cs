using System.Globalization;
using System.Text;
using System.Text.Json;
using Falcon.Roles.ApiProxy.Graph;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Model;

namespace Falcon.Roles.ApiProxy.FalconApi;

/// <summary>
/// The graph routes of one datacenter's open-falcon api (a site that still runs graph), called with the Apitoken
/// configured for it. Answers come back as open-falcon computed them: COUNTER history and lastpoint are rates already,
/// consolidated to graph's step. graph's database ids are used only inside this client, never passed on: they
/// differ between datacenters.
/// </summary>
internal sealed partial class FalconApiClient
{
    /// <summary>The `limit` sent when every match is needed (apiproxy merges and paginates over all datacenters itself).</summary>
    public const int ListLimit = 100_000;

    /// <summary>Endpoint names looked up by one regular expression or one endpointobj call, to keep URLs short.</summary>
    private const int NamesPerCall = 50;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly string? _apitoken;

    public FalconApiClient(HttpClient http, DatacenterApi api)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        _http = http;
        _base = new Uri(api.Url.TrimEnd('/') + "/api/v1/", UriKind.Absolute);

        // open-falcon reads the header as JSON: `{"name":"…","sig":"…"}`, escaped as JSON.
        _apitoken = api.Token.Length == 0 ? null : Encoding.UTF8.GetString(JsonBytes(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", api.User);
            w.WriteString("sig", api.Token);
            w.WriteEndObject();
        }));
    }

    /// <summary>The api's `/api/v1/` base this client calls.</summary>
    public Uri BaseUrl => _base;

    /// <summary>POST graph/history for <paramref name="endpoints"/> × <paramref name="counters"/>; the series graph knows, consolidated by graph.</summary>
    public async Task<IReadOnlyList<HistorySeries>> HistoryAsync(
        IReadOnlyCollection<string> endpoints, IReadOnlyCollection<string> counters, string consolFun, long start, long end, int step, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteStartObject();
            Strings(w, "hostnames", endpoints);
            Strings(w, "counters", counters);
            w.WriteString("consol_fun", consolFun);
            w.WriteNumber("start_time", start);
            w.WriteNumber("end_time", end);
            if (step > 0)
            {
                w.WriteNumber("step", step);
            }

            w.WriteEndObject();
        });
        using var document = await SendAsync(HttpMethod.Post, "graph/history", body, cancellationToken);
        var result = new List<HistorySeries>();
        foreach (var item in Items(document.RootElement, "graph/history"))
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                continue; // open-falcon writes null for a series graph failed to read
            }

            var type = CounterTypes.TryParse(Text(item, "dstype"), out var t) ? t : CounterType.Gauge;
            var values = new List<(long, double)>();
            if (item.TryGetProperty("Values", out var points) && points.ValueKind == JsonValueKind.Array)
            {
                foreach (var point in points.EnumerateArray())
                {
                    if (point.ValueKind == JsonValueKind.Object && Number(point, "timestamp") is { } ts && ts >= start && ts <= end)
                    {
                        values.Add(((long)ts, Value(point)));
                    }
                }
            }

            result.Add(new HistorySeries(Text(item, "endpoint"), GraphCounter.Normalize(Text(item, "counter")), type, (int)(Number(item, "step") ?? 0), values));
        }

        return result;
    }

    /// <summary>POST graph/lastpoint; the items graph knows (graph's `{0,0}` for an unknown series is left out).</summary>
    public async Task<IReadOnlyList<FalconApiPoint>> LastpointAsync(IReadOnlyCollection<(string Endpoint, string Counter)> items, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteStartArray();
            foreach (var (endpoint, counter) in items)
            {
                w.WriteStartObject();
                w.WriteString("endpoint", endpoint);
                w.WriteString("counter", counter);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        using var document = await SendAsync(HttpMethod.Post, "graph/lastpoint", body, cancellationToken);
        var result = new List<FalconApiPoint>();
        foreach (var item in Items(document.RootElement, "graph/lastpoint"))
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object
                && Number(value, "timestamp") is { } ts and > 0)
            {
                result.Add(new FalconApiPoint(Text(item, "endpoint"), GraphCounter.Normalize(Text(item, "counter")), (long)ts, Value(value)));
            }
        }

        return result;
    }

    /// <summary>GET graph/endpoint with open-falcon's own `q` and `tags` semantics; the endpoint names, every match (no paging).</summary>
    public async Task<IReadOnlyList<string>> EndpointNamesAsync(string q, string tags, CancellationToken cancellationToken) =>
        [.. (await EndpointsAsync(q, tags, cancellationToken)).Select(e => e.Name)];

    /// <summary>The counters of <paramref name="endpoints"/> (GET graph/endpoint to find graph's ids, then graph/endpoint_counter per endpoint).</summary>
    public async Task<IReadOnlyList<FalconApiCounter>> CountersAsync(IReadOnlyCollection<string> endpoints, CancellationToken cancellationToken)
    {
        var ids = await GraphIdsAsync(endpoints, cancellationToken);
        var result = new List<FalconApiCounter>();

        // One endpoint per call: some open-falcon versions leave endpoint_id out of the answer, so this is the only
        // way to know whose counter each row is.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (pair, ct) =>
        {
            var path = "graph/endpoint_counter?eid=" + pair.Key.ToString(CultureInfo.InvariantCulture)
                + "&metricQuery=" + Uri.EscapeDataString(".+") + "&limit=" + ListLimit.ToString(CultureInfo.InvariantCulture);
            using var document = await SendAsync(HttpMethod.Get, path, null, ct);
            var rows = Items(document.RootElement, "graph/endpoint_counter")
                .Where(r => r.ValueKind == JsonValueKind.Object)
                .Select(r => new FalconApiCounter(pair.Value, GraphCounter.Normalize(Text(r, "counter")), (int)(Number(r, "step") ?? Consolidation.DefaultStep), Text(r, "type")))
                .ToArray();
            lock (result)
            {
                result.AddRange(rows);
            }
        });

        return result;
    }

    /// <summary>GET graph/endpointobj: each of <paramref name="endpoints"/> graph knows, with its last update time.</summary>
    public async Task<IReadOnlyList<(string Endpoint, long Ts)>> EndpointObjAsync(IReadOnlyCollection<string> endpoints, CancellationToken cancellationToken)
    {
        var result = new List<(string, long)>();
        foreach (var chunk in endpoints.Chunk(NamesPerCall))
        {
            var path = "graph/endpointobj?" + string.Join('&', chunk.Select(e => "endpoints=" + Uri.EscapeDataString(e))) + "&deadline=0";
            using var document = await SendAsync(HttpMethod.Get, path, null, cancellationToken);
            foreach (var item in Items(document.RootElement, "graph/endpointobj"))
            {
                if (item.ValueKind == JsonValueKind.Object && Number(item, "ts") is { } ts)
                {
                    result.Add((Text(item, "endpoint"), (long)ts));
                }
            }
        }

        return result;
    }

    /// <summary>A cheap authenticated call (an endpoint search matching nothing) that shows the api and its graph database answer.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Get, "graph/endpoint?q=" + Uri.EscapeDataString("^$") + "&limit=1", null, cancellationToken);
    }

    private async Task<List<(long Id, string Name)>> EndpointsAsync(string q, string tags, CancellationToken cancellationToken)
    {
        var path = new StringBuilder("graph/endpoint?limit=").Append(ListLimit.ToString(CultureInfo.InvariantCulture)).Append("&page=1");
        if (q.Length > 0)
        {
            path.Append("&q=").Append(Uri.EscapeDataString(q));
        }

        if (tags.Length > 0)
        {
            path.Append("&tags=").Append(Uri.EscapeDataString(tags));
        }

        using var document = await SendAsync(HttpMethod.Get, path.ToString(), null, cancellationToken);
        return [.. Items(document.RootElement, "graph/endpoint")
            .Where(e => e.ValueKind == JsonValueKind.Object && Number(e, "id") is not null)
            .Select(e => ((long)Number(e, "id")!.Value, Text(e, "endpoint")))];
    }

    // graph's database id of each name it knows, found with an anchored alternation (MySQL REGEXP, as open-falcon
    // runs q; it ignores case, so the answer is filtered to the exact names).
    private async Task<Dictionary<long, string>> GraphIdsAsync(IReadOnlyCollection<string> endpoints, CancellationToken cancellationToken)
    {
        var wanted = endpoints.ToHashSet(StringComparer.Ordinal);
        var ids = new Dictionary<long, string>();
        foreach (var chunk in wanted.Where(e => !e.Contains(' ', StringComparison.Ordinal)).Chunk(NamesPerCall))
        {
            var q = "^(" + string.Join('|', chunk.Select(PromSelectors.EscapeRegex)) + ")$";
            foreach (var (id, name) in await EndpointsAsync(q, "", cancellationToken))
            {
                if (wanted.Contains(name))
                {
                    ids[id] = name;
                }
            }
        }

        return ids;
    }
}
