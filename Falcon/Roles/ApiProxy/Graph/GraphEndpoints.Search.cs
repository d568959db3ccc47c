using System.Globalization;
using System.Text.RegularExpressions;
using Falcon.Shared.Tsdb;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.ApiProxy.Graph;

internal sealed partial class GraphEndpoints
{
    private readonly EndpointIdIndex _ids = new();

    /// <summary>GET /api/v1/graph/endpoint?q=&amp;tags=&amp;limit=&amp;page=: endpoints matching every q term (a regular expression) and tag, paginated over every datacenter.</summary>
    public async Task EndpointAsync(HttpContext context)
    {
        var q = context.Request.Query["q"].ToString();
        var tags = context.Request.Query["tags"].ToString();
        if (q.Trim().Length == 0 && tags.Trim().Length == 0)
        {
            throw new BadQueryException("q or tags is required");
        }

        var limit = ApiHttp.IntQuery(context, "limit", 500, 1, options.Value.MaxLimit);
        var page = ApiHttp.IntQuery(context, "page", 1, 1, int.MaxValue);
        var matchers = new List<string>();
        foreach (var term in q.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            CheckRegex(term, "q");

            // MySQL's REGEXP finds the pattern anywhere and ignores case; Prometheus anchors it and does not.
            matchers.Add(SeriesMapping.EndpointLabel + "=~" + PromSelectors.Quote("(?i).*(?:" + term + ").*"));
        }

        foreach (var tag in tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = tag.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BadQueryException($"each tag must be key=value, got '{tag}'");
            }

            matchers.Add(SeriesMapping.LabelName(tag[..equals]) + "=" + PromSelectors.Quote(tag[(equals + 1)..]));
        }

        var (names, result) = await reader.EndpointNamesAsync("graph/endpoint", matchers, new ApiEndpointQuery(q.Trim(), tags.Trim()), context.RequestAborted);
        if (await ApiHttp.AllFailedAsync(context, result.Failures, result.Answers.Count > 0))
        {
            return;
        }

        _ids.Remember(names);
        await ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var name in names.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * limit)).Take(limit))
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", EndpointIds.For(name));
                writer.WriteString("endpoint", name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>GET /api/v1/graph/endpoint_counter?eid=&amp;metricQuery=&amp;limit=&amp;page=: the counters of endpoints given by id.</summary>
    public async Task EndpointCounterAsync(HttpContext context)
    {
        var ids = new List<long>();
        foreach (var text in context.Request.Query["eid"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add(long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0
                ? id
                : throw new BadQueryException($"eid must be a comma-separated list of endpoint ids, got '{text}'"));
        }

        if (ids.Count == 0)
        {
            throw new BadQueryException("eid is required: a comma-separated list of endpoint ids (from /api/v1/graph/endpoint)");
        }

        var metricQuery = context.Request.Query["metricQuery"].ToString();
        var filters = (metricQuery.Length == 0 ? ".+" : metricQuery).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.StartsWith('!') ? (Not: true, Regex: Compile(t[1..], "metricQuery")) : (Not: false, Regex: Compile(t, "metricQuery")))
            .ToArray();
        var limit = ApiHttp.IntQuery(context, "limit", 500, 1, options.Value.MaxLimit);
        var page = ApiHttp.IntQuery(context, "page", 1, 1, int.MaxValue);

        var (names, missing) = _ids.Resolve(ids);
        if (missing.Count > 0)
        {
            var (all, listing) = await reader.EndpointNamesAsync("graph/endpoint_counter", [], ApiEndpointQuery.All, context.RequestAborted);
            _ids.Remember(all);
            (names, _) = _ids.Resolve(ids);
            if (await ApiHttp.AllFailedAsync(context, listing.Failures, listing.Answers.Count > 0))
            {
                return;
            }
        }

        var (counters, failures) = await reader.CountersAsync("graph/endpoint_counter", names, context.RequestAborted);
        if (await ApiHttp.AllFailedAsync(context, failures, counters.Count > 0 || failures.Count == 0 || names.Count == 0))
        {
            return;
        }

        if (counters.Any(c => c.Value.Step is null))
        {
            context.Response.Headers[StepHeader] = "inferred";
        }

        var order = ids.Select((id, i) => (id, i)).GroupBy(x => x.id).ToDictionary(g => g.Key, g => g.First().i);
        var matching = counters
            .Where(c => filters.All(f => f.Regex.IsMatch(c.Key.Counter) != f.Not))
            .OrderBy(c => order.GetValueOrDefault(EndpointIds.For(c.Key.Endpoint)))
            .ThenBy(c => c.Key.Counter, StringComparer.Ordinal);
        await ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var ((endpoint, counter), (type, step)) in matching.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * limit)).Take(limit))
            {
                writer.WriteStartObject();
                writer.WriteNumber("endpoint_id", EndpointIds.For(endpoint));
                writer.WriteString("counter", counter);
                writer.WriteNumber("step", step ?? Consolidation.DefaultStep);
                writer.WriteString("type", type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    internal static Regex Compile(string pattern, string parameter)
    {
        CheckRegex(pattern, parameter);
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    private static void CheckRegex(string pattern, string parameter)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException e)
        {
            throw new BadQueryException($"{parameter} term '{pattern}' is not a regular expression: {e.Message}", e);
        }
    }
}
