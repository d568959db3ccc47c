using System.Globalization;
using System.Text;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Tsdb;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// The charts' data from the TSDB (tsdb.queryUrl), or from every datacenter through apiproxy when console.apiProxyUrl
/// is set: a host's series of one metric over a time range, the metrics a host has, and host names. Series are selected
/// as Falcon writes them (`{__name__="cpu.idle",endpoint="h1"}`); COUNTER and DERIVE series are stored raw, so they are
/// shown as a per-second rate.
/// </summary>
internal sealed class SeriesEndpoints(SeriesSource source, TimeProvider timeProvider)
{
    public const int MaxSeries = 30;
    public const int PointsPerChart = 400;

    public async Task<IResult> SeriesAsync(HttpContext context, ConsoleCaller caller)
    {
        var query = context.Request.Query;
        var endpoint = query["endpoint"].ToString();
        var counter = query["metric"].ToString();
        if (endpoint.Length is 0 or > 255 || counter.Length is 0 or > 512)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, "give endpoint and metric (a counter such as cpu.idle or net.if.in.bytes/iface=eth0)");
        }

        var now = timeProvider.GetUtcNow();
        var to = Time(query["to"].ToString()) ?? now;
        var from = Time(query["from"].ToString()) ?? to.AddHours(-1);
        if (from >= to || to - from > TimeSpan.FromDays(400))
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, "from must be before to, at most 400 days apart (unix seconds)");
        }

        var step = TimeSpan.FromSeconds(Math.Max(15, Math.Ceiling((to - from).TotalSeconds / PointsPerChart)));
        var selector = Selector(endpoint, counter);
        using var tsdb = source.For(caller);
        try
        {
            var raw = await tsdb.Client.QueryRangeAsync(selector, from, to, step, context.RequestAborted);
            var counting = raw.Series.Any(s => s.Labels.TryGetValue(SeriesMapping.CounterTypeLabel, out var type) && type is "COUNTER" or "DERIVE");
            var result = counting
                ? await tsdb.Client.QueryRangeAsync($"rate({selector}[{(int)Math.Max(step.TotalSeconds * 4, 120)}s])", from, to, step, context.RequestAborted)
                : raw;
            var series = result.Series.Take(MaxSeries).Select(s => new SeriesData
            {
                Labels = s.Labels,
                Points = s.Samples.Select(p => new[] { p.Timestamp, p.Value }).ToArray(),
            }).ToArray();
            return Results.Json(series, ConsoleJsonContext.Default.SeriesDataArray);
        }
        catch (Exception e) when (e is PrometheusQueryException or HttpRequestException or TaskCanceledException)
        {
            return ConsoleResults.Message(StatusCodes.Status502BadGateway, $"{source.Name} did not answer the query: {e.Message}");
        }
    }

    /// <summary>`GET /api/metrics?endpoint=`: the metric names the host has written in the last day.</summary>
    public async Task<IResult> MetricsAsync(HttpContext context, ConsoleCaller caller)
    {
        var endpoint = context.Request.Query["endpoint"].ToString();
        if (endpoint.Length is 0 or > 255)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, "give endpoint");
        }

        return await NamesAsync(context, caller, SeriesMapping.MetricNameLabel, [$"{{{SeriesMapping.EndpointLabel}={Quote(endpoint)}}}"]);
    }

    /// <summary>`GET /api/endpoints`: the hosts (endpoints) that have written in the last day.</summary>
    public Task<IResult> EndpointsAsync(HttpContext context, ConsoleCaller caller) => NamesAsync(context, caller, SeriesMapping.EndpointLabel, null);

    private async Task<IResult> NamesAsync(HttpContext context, ConsoleCaller caller, string label, string[]? matchers)
    {
        var now = timeProvider.GetUtcNow();
        using var tsdb = source.For(caller);
        try
        {
            var names = await tsdb.Client.LabelValuesAsync(label, matchers, now.AddDays(-1), now, context.RequestAborted);
            return Results.Json(names, ConsoleJsonContext.Default.IReadOnlyListString);
        }
        catch (Exception e) when (e is PrometheusQueryException or HttpRequestException or TaskCanceledException)
        {
            return ConsoleResults.Message(StatusCodes.Status502BadGateway, $"{source.Name} did not answer: {e.Message}");
        }
    }

    /// <summary>A counter `metric` or `metric/k=v,k2=v2` on an endpoint as a PromQL selector of Falcon's labels.</summary>
    public static string Selector(string endpoint, string counter)
    {
        var slash = counter.IndexOf('/', StringComparison.Ordinal);
        var metric = slash < 0 ? counter : counter[..slash];
        var selector = new StringBuilder("{").Append(SeriesMapping.MetricNameLabel).Append('=').Append(Quote(metric))
            .Append(',').Append(SeriesMapping.EndpointLabel).Append('=').Append(Quote(endpoint));
        if (slash >= 0)
        {
            foreach (var pair in counter[(slash + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? "" : pair[(eq + 1)..];
                selector.Append(',').Append(SeriesMapping.LabelName(key)).Append('=').Append(Quote(value));
            }
        }

        return selector.Append('}').ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static DateTimeOffset? Time(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
