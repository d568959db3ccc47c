using System.Text.Json;
using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Shared.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>open-falcon's graph query API (`/api/v1/graph/*`) answered from the datacenters' TSDBs, in open-falcon's exact JSON.</summary>
internal sealed partial class GraphEndpoints(GraphReader reader, QueryFanOut fanOut, IOptions<ApiProxyOptions> options, TimeProvider timeProvider)
{
    public const string StepHeader = "X-Falcon-Step";

    /// <summary>POST /api/v1/graph/history: `{"hostnames","counters","consol_fun","start_time","end_time","step"}`.</summary>
    public async Task HistoryAsync(HttpContext context)
    {
        using var body = await ApiHttp.ReadJsonBodyAsync(context);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadQueryException("the body must be {\"hostnames\":[…],\"counters\":[…],\"consol_fun\":\"AVERAGE\",\"start_time\":…,\"end_time\":…}");
        }

        var hostnames = Strings(root, "hostnames");
        var counters = Strings(root, "counters");
        var function = root.TryGetProperty("consol_fun", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
        var start = Long(root, "start_time", required: true);
        var end = Long(root, "end_time", required: true);
        var step = root.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0;
        if (!Consolidation.Functions.Contains(function, StringComparer.Ordinal))
        {
            throw new BadQueryException($"consol_fun must be one of {string.Join(", ", Consolidation.Functions)}, got '{function}'");
        }

        var answer = await HistoryCoreAsync("graph/history", context, hostnames, counters, function, start, end, step);
        if (answer is null)
        {
            return;
        }

        await ApiHttp.WriteJsonAsync(context, w => WriteHistory(w, answer));
    }

    /// <summary>The history answer shared with the Grafana render route; null when a reply was already written (every datacenter failed).</summary>
    internal async Task<List<HistorySeries>?> HistoryCoreAsync(
        string route, HttpContext context, IReadOnlyList<string> hostnames, IReadOnlyList<string> counters, string function, long start, long end, int step)
    {
        if (hostnames.Count == 0 || counters.Count == 0)
        {
            throw new BadQueryException("hostnames and counters must each list at least one name");
        }

        if (end < start)
        {
            throw new BadQueryException($"end_time ({end}) is before start_time ({start})");
        }

        if (TimeSpan.FromSeconds(end - start) > options.Value.MaxHistoryRange)
        {
            throw new QueryLimitException($"the time range {TimeSpan.FromSeconds(end - start)} is longer than apiproxy.maxHistoryRange ({options.Value.MaxHistoryRange})");
        }

        if (step < 0 || (step > 0 && (end - start) / step > options.Value.MaxPointsPerSeries))
        {
            throw new QueryLimitException($"step {step} gives more than apiproxy.maxPointsPerSeries ({options.Value.MaxPointsPerSeries}) points; ask for a larger step");
        }

        if ((long)hostnames.Count * counters.Count > options.Value.MaxSeries)
        {
            throw new QueryLimitException($"{hostnames.Count} hostnames × {counters.Count} counters is more than apiproxy.maxSeries ({options.Value.MaxSeries})");
        }

        var items = hostnames.SelectMany(h => counters.Select(c => (h, GraphCounter.Normalize(c)))).Distinct().ToArray();

        // One step more than asked, so the first rate of a counter has the point before it.
        var margin = Math.Max(step, Consolidation.DefaultStep) * 2;
        var apiCounters = items.Select(i => i.Item2).Distinct(StringComparer.Ordinal).ToArray();
        var read = await reader.ReadPointsAsync(route, items, start - margin, end, currentOnly: false,
            (api, endpoints, ct) => api.HistoryAsync(endpoints, apiCounters, function, start, end, step, ct), context.RequestAborted);
        if (await ApiHttp.AllFailedAsync(context, read.Failures, anyAnswered: read.AnyAnswered))
        {
            return null;
        }

        var answer = new List<HistorySeries>();
        var inferred = false;
        foreach (var item in items)
        {
            read.Ready.TryGetValue(item, out var ready);
            if (!read.Raw.TryGetValue(item, out var one))
            {
                if (ready is not null)
                {
                    answer.Add(ready); // graph consolidated it already: not rated again
                }

                continue; // open-falcon skips counters it does not know
            }

            var points = one.Points;
            var seriesStep = step;
            if (seriesStep == 0)
            {
                seriesStep = Consolidation.InferStep(points) ?? Consolidation.DefaultStep;
                inferred = true;
            }

            if ((end - start) / seriesStep > options.Value.MaxPointsPerSeries)
            {
                throw new QueryLimitException($"{one.Endpoint} {one.Counter} has a step of {seriesStep}s, which gives more than apiproxy.maxPointsPerSeries ({options.Value.MaxPointsPerSeries}) points; ask for a larger step");
            }

            var values = Consolidation.Consolidate(points, one.Type, function, start, end, seriesStep);
            answer.Add(new HistorySeries(one.Endpoint, one.Counter, one.Type, seriesStep, ready is null ? values : FillFrom(values, ready)));
        }

        if (inferred)
        {
            context.Response.Headers[StepHeader] = "inferred";
        }

        return answer;
    }

    // A series both a TSDB and an open-falcon api hold (its host moved between them): the TSDB's values, with the
    // api's at the timestamps where the TSDB has none.
    private static List<(long Timestamp, double Value)> FillFrom(List<(long Timestamp, double Value)> values, HistorySeries ready)
    {
        var merged = new SortedDictionary<long, double>();
        foreach (var (timestamp, value) in values)
        {
            merged[timestamp] = value;
        }

        foreach (var (timestamp, value) in ready.Values)
        {
            if (!merged.TryGetValue(timestamp, out var known) || double.IsNaN(known))
            {
                merged[timestamp] = value;
            }
        }

        return [.. merged.Select(p => (p.Key, p.Value))];
    }

    internal static void WriteHistory(Utf8JsonWriter writer, IReadOnlyList<HistorySeries> answer)
    {
        writer.WriteStartArray();
        foreach (var one in answer)
        {
            writer.WriteStartObject();
            writer.WriteString("endpoint", one.Endpoint);
            writer.WriteString("counter", one.Counter);
            writer.WriteString("dstype", one.Type.ToWireString());
            writer.WriteNumber("step", one.Step);
            writer.WriteStartArray("Values");
            foreach (var (timestamp, value) in one.Values)
            {
                writer.WriteStartObject();
                writer.WriteNumber("timestamp", timestamp);
                ApiHttp.WriteFalconFloat(writer, "value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>POST /api/v1/graph/lastpoint: `[{"endpoint","counter"}]` → the latest value of each, `{0,0}` when unknown.</summary>
    public async Task LastpointAsync(HttpContext context)
    {
        using var body = await ApiHttp.ReadJsonBodyAsync(context);
        var items = Pairs(body.RootElement, "lastpoint");
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var lookback = (long)options.Value.LastpointLookback.TotalSeconds;
        var read = await reader.ReadPointsAsync("graph/lastpoint", items, now - lookback, now, currentOnly: true, async (api, endpoints, ct) =>
        {
            var asked = items.Where(i => endpoints.Contains(i.Endpoint)).Select(i => (i.Endpoint, GraphCounter.Normalize(i.Counter))).Distinct().ToArray();
            return [.. (await api.LastpointAsync(asked, ct)).Select(p => new HistorySeries(p.Endpoint, p.Counter, CounterType.Gauge, 0, [(p.Timestamp, p.Value)]))];
        }, context.RequestAborted);
        if (await ApiHttp.AllFailedAsync(context, read.Failures, anyAnswered: read.AnyAnswered))
        {
            return;
        }

        await ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var (endpoint, counter) in items)
            {
                var key = (endpoint, GraphCounter.Normalize(counter));
                var (timestamp, value) = read.Raw.TryGetValue(key, out var one)
                    ? Consolidation.Last(one.Points, one.Type)
                    : (0, 0);

                // An open-falcon api's value is a rate already; the later of it and the TSDB's wins.
                if (read.Ready.TryGetValue(key, out var ready) && ready.Values[0].Timestamp > timestamp)
                {
                    (timestamp, value) = ready.Values[0];
                }

                writer.WriteStartObject();
                writer.WriteString("endpoint", endpoint);
                writer.WriteString("counter", counter);
                writer.WriteStartObject("value");
                writer.WriteNumber("timestamp", timestamp);
                ApiHttp.WriteFalconFloat(writer, "value", value);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    internal static List<(string Endpoint, string Counter)> Pairs(JsonElement root, string route)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new BadQueryException($"the {route} body must be [{{\"endpoint\":\"…\",\"counter\":\"…\"}}, …]");
        }

        var items = new List<(string, string)>();
        foreach (var item in root.EnumerateArray())
        {
            var endpoint = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("endpoint", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
            var counter = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("counter", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
            if (endpoint.Length == 0 || counter.Length == 0)
            {
                throw new BadQueryException($"every {route} item needs a non-empty endpoint and counter, got {item.GetRawText()}");
            }

            items.Add((endpoint, counter));
        }

        return items;
    }

    private static List<string> Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new BadQueryException($"{name} is required: a list of strings");
        }

        return [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0)];
    }

    private static long Long(JsonElement root, string name, bool required)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        return required ? throw new BadQueryException($"{name} is required: unix seconds") : 0;
    }
}
