using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>
/// The routes of open-falcon's Grafana plugin: `/api/v1/grafana` and `/metrics/find` list endpoints, then the next
/// part of their counters (`host1,host2#cpu#idle`); `/render` answers `target=hosts#counter…` as graph history does.
/// </summary>
internal sealed partial class GrafanaEndpoints(GraphReader reader, GraphEndpoints graph)
{
    [GeneratedRegex(@"^{?([^#}]+)}?#(.+)")]
    private static partial Regex TargetPattern();

    [GeneratedRegex(@"(\.\+|\.\*)\s*$")]
    private static partial Regex TrailingWildcard();

    [GeneratedRegex(@"\\\.\$\s*$")]
    private static partial Regex ExactEnd();

    /// <summary>GET /api/v1/grafana and /api/v1/grafana/metrics/find?query=&amp;limit=.</summary>
    public async Task FindAsync(HttpContext context)
    {
        var query = context.Request.Query["query"].ToString() is { Length: > 0 } q ? q : "!N!";
        var limit = ApiHttp.IntQuery(context, "limit", 1000, 1, 1_000_000);
        var items = new List<(string Text, bool Expandable)>();
        if (query.StartsWith("!HG", StringComparison.Ordinal))
        {
            throw new BadQueryException("host group queries (!HG!, !HGH!) are not served by apiproxy: it reads the TSDB, not the portal database");
        }

        if (!query.Contains('#', StringComparison.Ordinal))
        {
            var matchers = new List<string>();
            if (query != "!N!")
            {
                _ = GraphEndpoints.Compile(query, "query");
                matchers.Add("endpoint=~" + PromSelectors.Quote("(?i).*(?:" + query + ").*"));
            }

            var (names, result) = await reader.EndpointNamesAsync("grafana/metrics/find", matchers, query == "!N!" ? ApiEndpointQuery.All : new ApiEndpointQuery(query, ""), context.RequestAborted);
            if (await ApiHttp.AllFailedAsync(context, result.Failures, result.Answers.Count > 0))
            {
                return;
            }

            items.AddRange(names.Take(limit).Select(n => (n, true)));
        }
        else if (!query.Contains("#select metric", StringComparison.Ordinal))
        {
            var (hosts, pattern) = SplitTarget(query);
            var regex = GraphEndpoints.Compile(pattern, "query");
            var (counters, failures) = await reader.CountersAsync("grafana/metrics/find", hosts, context.RequestAborted);
            if (await ApiHttp.AllFailedAsync(context, failures, counters.Count > 0 || failures.Count == 0))
            {
                return;
            }

            var keyword = TrailingWildcard().Replace(pattern, "").Replace(@"\.", ".", StringComparison.Ordinal);
            var found = new SortedDictionary<string, bool>(StringComparer.Ordinal);
            foreach (var counter in counters.Keys.Select(k => k.Counter).Where(c => regex.IsMatch(c)))
            {
                var (text, expandable) = Expand(counter, keyword);
                found[text] = found.GetValueOrDefault(text) || expandable;
            }

            items.AddRange(found.Select(p => (p.Key, p.Value)));
            if (items.Any(i => !i.Expandable))
            {
                items.Add(("$", false)); // "stop here": the counter is complete
            }

            items.Add(("%", false)); // "any": a wildcard at this level
        }

        await ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var (text, expandable) in items)
            {
                writer.WriteStartObject();
                writer.WriteBoolean("expandable", expandable);
                writer.WriteString("text", text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>GET|POST /api/v1/grafana/render: target (repeatable), from, until, step (60), consolFun (AVERAGE).</summary>
    public async Task RenderAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string Value(string name) => form?[name].ToString() is { Length: > 0 } v ? v : context.Request.Query[name].ToString();
        var targets = (form?["target"] ?? default).Concat(context.Request.Query["target"]).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToArray();
        if (targets.Length == 0)
        {
            throw new BadQueryException("target is required: hosts#counter, e.g. host1,host2#cpu#idle");
        }

        var from = Long(Value("from"), "from");
        var until = Long(Value("until"), "until");
        var step = Value("step") is { Length: > 0 } s ? (int)Long(s, "step") : 60;
        var function = Value("consolFun") is { Length: > 0 } f ? f : "AVERAGE";
        if (!Consolidation.Functions.Contains(function, StringComparer.Ordinal))
        {
            throw new BadQueryException($"consolFun must be one of {string.Join(", ", Consolidation.Functions)}, got '{function}'");
        }

        var answer = new List<HistorySeries>();
        foreach (var target in targets)
        {
            var (hosts, pattern) = SplitTarget(target);
            var exact = ExactEnd().IsMatch(pattern);
            pattern = ExactEnd().Replace(pattern, "").Replace(@"\.%", ".+", StringComparison.Ordinal);
            var (counters, _) = await reader.CountersAsync("grafana/render", hosts, context.RequestAborted);
            var regex = exact ? null : GraphEndpoints.Compile(pattern, "target");
            var exactCounter = pattern.Replace(@"\.", ".", StringComparison.Ordinal);
            var names = counters.Keys.Select(k => k.Counter)
                .Where(c => exact ? string.Equals(c, exactCounter, StringComparison.Ordinal) : regex!.IsMatch(c))
                .Distinct(StringComparer.Ordinal).ToArray();
            if (names.Length == 0)
            {
                continue; // as open-falcon: one target matching nothing must not break the others
            }

            var part = await graph.HistoryCoreAsync("grafana/render", context, hosts, names, function, from, until, step);
            if (part is null)
            {
                return;
            }

            answer.AddRange(part);
        }

        await ApiHttp.WriteJsonAsync(context, w => GraphEndpoints.WriteHistory(w, answer));
    }

    // The Grafana plugin separates the levels of a counter with '#' where the counter has '.'.
    private static (string[] Hosts, string Pattern) SplitTarget(string target)
    {
        var match = TargetPattern().Match(target);
        if (!match.Success)
        {
            throw new BadQueryException($"'{target}' is not hosts#counter (e.g. host1,host2#cpu#idle)");
        }

        return (match.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            match.Groups[2].Value.Replace("#", @"\.", StringComparison.Ordinal));
    }

    private static (string Text, bool Expandable) Expand(string counter, string keyword)
    {
        var rest = counter.Replace(keyword, "", StringComparison.Ordinal);
        if (rest.Length == 0)
        {
            return ("", false);
        }

        var parts = rest.TrimStart('.').Split('.');
        return parts.Length == 1 ? (parts[0], false) : (parts[0], true);
    }

    private static long Long(string text, string name) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadQueryException($"{name} is required: unix seconds, got '{text}'");
}
