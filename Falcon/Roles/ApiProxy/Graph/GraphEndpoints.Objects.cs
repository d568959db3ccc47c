using System.Globalization;
using Falcon.Shared.Tsdb;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.ApiProxy.Graph;

internal sealed partial class GraphEndpoints
{
    /// <summary>
    /// GET /api/v1/graph/endpointobj?endpoints=&amp;deadline=: each endpoint with its id and its last sign of life (`ts`, the
    /// newer of its latest point within the TSDB's lookback and its last heartbeat), only those with ts ≥ deadline.
    /// </summary>
    public async Task EndpointObjAsync(HttpContext context)
    {
        var endpoints = context.Request.Query["endpoints"]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (endpoints.Length == 0)
        {
            throw new BadQueryException("endpoints is required (repeat it for several endpoints)");
        }

        if (endpoints.Length > options.Value.MaxSeries)
        {
            throw new QueryLimitException($"more than apiproxy.maxSeries ({options.Value.MaxSeries}) endpoints");
        }

        var deadlineText = context.Request.Query["deadline"].ToString();
        long deadline = 0;
        if (deadlineText.Length > 0 && !long.TryParse(deadlineText, NumberStyles.Integer, CultureInfo.InvariantCulture, out deadline))
        {
            throw new BadQueryException($"deadline must be unix seconds, got '{deadlineText}'");
        }

        var groups = reader.Map.Split(endpoints, currentOnly: false);
        var now = timeProvider.GetUtcNow();
        var result = await fanOut.RunAsync("graph/endpointobj", groups.Keys, async (backend, ct) =>
        {
            var group = groups[backend.Datacenter];
            if (backend.Api is { } api)
            {
                return await api.EndpointObjAsync(group, ct);
            }

            var answer = await backend.Tsdb!.QueryAsync($"max by ({SeriesMapping.EndpointLabel}) (timestamp({PromSelectors.Series(group, null)}))", now, ct);
            return (IReadOnlyList<(string Endpoint, long Ts)>)[.. answer.Series
                .Where(s => s.Labels.ContainsKey(SeriesMapping.EndpointLabel) && s.Samples.Count > 0)
                .Select(s => (s.Labels[SeriesMapping.EndpointLabel], (long)s.Samples[0].Value))];
        }, context.RequestAborted);
        if (await ApiHttp.AllFailedAsync(context, result.Failures, result.Answers.Count > 0))
        {
            return;
        }

        var wanted = endpoints.ToHashSet(StringComparer.Ordinal);
        var ts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, answer) in result.Answers)
        {
            foreach (var (endpoint, last) in answer)
            {
                if (wanted.Contains(endpoint))
                {
                    ts[endpoint] = Math.Max(ts.GetValueOrDefault(endpoint), last);
                }
            }
        }

        var snapshot = reader.Map.Snapshot;
        foreach (var endpoint in endpoints)
        {
            if (snapshot.Hosts.TryGetValue(endpoint, out var placement) && placement.LastSeen is { } seen)
            {
                ts[endpoint] = Math.Max(ts.GetValueOrDefault(endpoint), seen.ToUnixTimeSeconds());
            }
        }

        _ids.Remember(ts.Keys);
        await ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var endpoint in endpoints)
            {
                if (ts.TryGetValue(endpoint, out var last) && last >= deadline)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", EndpointIds.For(endpoint));
                    writer.WriteString("endpoint", endpoint);
                    writer.WriteNumber("ts", last);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>
    /// POST /api/v1/graph/info: `[{"endpoint","counter"}]` → graph's GraphFullyInfo for each series found: its step
    /// (inferred from its points), `consolFun` AVERAGE, no RRD `filename`, and as `addr` the datacenter holding it.
    /// </summary>
    public async Task InfoAsync(HttpContext context)
    {
        using var body = await ApiHttp.ReadJsonBodyAsync(context);
        var items = Pairs(body.RootElement, "info");
        var (counters, failures) = await reader.CountersAsync("graph/info", items.Select(i => i.Endpoint).Distinct(StringComparer.Ordinal).ToArray(), context.RequestAborted);
        if (await ApiHttp.AllFailedAsync(context, failures, counters.Count > 0 || failures.Count == 0))
        {
            return;
        }

        await ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var (endpoint, counter) in items)
            {
                if (!counters.TryGetValue((endpoint, GraphCounter.Normalize(counter)), out var found))
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("endpoint", endpoint);
                writer.WriteString("counter", counter);
                writer.WriteString("consolFun", "AVERAGE");
                writer.WriteNumber("step", found.Step ?? Consolidation.DefaultStep);
                writer.WriteString("filename", "");
                writer.WriteString("addr", reader.Map.Current(endpoint)?.Name ?? "");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }
}
