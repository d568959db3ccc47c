using System.Globalization;
using System.Text.Json;
using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Shared.Datacenters;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy.Prometheus;

/// <summary>
/// The Prometheus HTTP API over every datacenter, GET or form POST as Grafana sends it: each request goes to every
/// datacenter's TSDB at once and the answers are merged (<see cref="PromMerge"/>); a datacenter with only an
/// open-falcon api has no PromQL and is named in `warnings`. A datacenter that failed is named
/// in `warnings` and in X-Falcon-Partial; errors use Prometheus' `{"status":"error","errorType","error"}`.
/// </summary>
internal sealed class PromEndpoints(DatacenterMap map, QueryFanOut fanOut, IOptions<ApiProxyOptions> options, TimeProvider timeProvider)
{
    public Task QueryAsync(HttpContext context) => ForwardAsync(context, "query", "api/v1/query", CheckInstant,
        (w, answers, warnings) => PromMerge.WriteQueryData(w, answers, warnings, options.Value.MaxSeries));

    public Task QueryRangeAsync(HttpContext context) => ForwardAsync(context, "query_range", "api/v1/query_range", CheckRange,
        (w, answers, warnings) => PromMerge.WriteQueryData(w, answers, warnings, options.Value.MaxSeries));

    public Task SeriesAsync(HttpContext context) => ForwardAsync(context, "series", "api/v1/series", CheckSeries,
        (w, answers, _) => PromMerge.WriteSeries(w, answers.Select(a => a.Data), options.Value.MaxSeries));

    public Task LabelsAsync(HttpContext context) => ForwardAsync(context, "labels", "api/v1/labels", CheckTimeRange,
        (w, answers, _) => PromMerge.WriteStrings(w, answers.Select(a => a.Data)));

    public Task LabelValuesAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? "";
        return ForwardAsync(context, "label values", "api/v1/label/" + Uri.EscapeDataString(name) + "/values", CheckTimeRange,
            (w, answers, _) => PromMerge.WriteStrings(w, answers.Select(a => a.Data)));
    }

    public Task MetadataAsync(HttpContext context) => ForwardAsync(context, "metadata", "api/v1/metadata", static _ => { },
        (w, answers, _) => PromMerge.WriteMetadata(w, answers.Select(a => a.Data)));

    /// <summary>The first datacenter's build info: Grafana reads it to learn which Prometheus flavour it talks to.</summary>
    public Task BuildInfoAsync(HttpContext context) => ForwardAsync(context, "buildinfo", "api/v1/status/buildinfo", static _ => { },
        (w, answers, _) => answers[0].Data.WriteTo(w));

    private async Task ForwardAsync(
        HttpContext context,
        string route,
        string path,
        Action<PromParameters> check,
        Action<Utf8JsonWriter, IReadOnlyList<(string Datacenter, JsonElement Data)>, List<string>> merge)
    {
        PromParameters parameters;
        try
        {
            parameters = await PromParameters.ReadAsync(context);
            check(parameters);
        }
        catch (BadQueryException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "bad_data", e.Message);
            return;
        }
        catch (PromLimitException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status422UnprocessableEntity, "execution", e.Message);
            return;
        }

        // A datacenter with only an open-falcon api has no PromQL to ask: it is left out, and said so in warnings.
        var promql = map.Datacenters.Where(d => d.HasTsdb).ToArray();
        var skipped = map.Datacenters.Where(d => !d.HasTsdb)
            .Select(d => $"datacenter {d.Name} left out: it has no queryUrl (only an open-falcon apiUrl, which serves the graph routes, not PromQL)")
            .ToArray();
        if (promql.Length == 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "unavailable",
                "no datacenter has a Prometheus-compatible TSDB (datacenters.queryUrl): " + string.Join("; ", skipped));
            return;
        }

        var method = context.Request.Method == HttpMethods.Get && path.Contains("/label/", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post;
        var result = await fanOut.RunAsync(route, promql,
            (client, _, ct) => client.SendRawAsync(method, path, parameters.All, ct), context.RequestAborted);
        if (result.AllFailed)
        {
            // Every datacenter refusing the query as bad_data means the query is wrong, not the datacenters.
            var bad = result.Failures.All(f => f.ErrorType is "bad_data");
            await WriteErrorAsync(context, bad ? StatusCodes.Status400BadRequest : StatusCodes.Status503ServiceUnavailable,
                bad ? "bad_data" : "unavailable",
                bad ? result.Failures[0].Detail : "no datacenter answered: " + string.Join("; ", result.Warnings.Concat(skipped)));
            return;
        }

        if (result.PartialFlag is { } flag)
        {
            context.Response.Headers[FanOutResult<int>.PartialHeader] = flag;
        }

        var warnings = result.Answers.SelectMany(a => a.Value.Warnings.Select(w => $"{a.Datacenter.Name}: {w}")).Concat(result.Warnings).Concat(skipped).ToList();
        var answers = result.Answers.Select(a => (a.Datacenter.Name, a.Value.Data)).ToArray();

        // Merged into a buffer first: a limit found while merging must still be able to answer 422.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        try
        {
            using var data = new Utf8JsonWriter(buffer);
            merge(data, answers, warnings);
        }
        catch (PromLimitException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status422UnprocessableEntity, "execution", e.Message);
            return;
        }

        await ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "success");
            writer.WritePropertyName("data");
            writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
            if (warnings.Count > 0)
            {
                writer.WriteStartArray("warnings");
                warnings.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string errorType, string error)
    {
        context.Response.StatusCode = status;
        return ApiHttp.WriteJsonAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", "error");
            writer.WriteString("errorType", errorType);
            writer.WriteString("error", error);
            writer.WriteEndObject();
        });
    }

    private void CheckInstant(PromParameters p)
    {
        if (string.IsNullOrWhiteSpace(p.Get("query")))
        {
            throw new BadQueryException("query is required");
        }
    }

    private void CheckRange(PromParameters p)
    {
        CheckInstant(p);
        var start = p.Time("start", null) ?? throw new BadQueryException("start is required");
        var end = p.Time("end", null) ?? throw new BadQueryException("end is required");
        var step = p.Duration("step") ?? throw new BadQueryException("step is required");
        if (end < start)
        {
            throw new BadQueryException("end timestamp must not be before start time");
        }

        if (step <= 0)
        {
            throw new BadQueryException("zero or negative query resolution step widths are not accepted; try a positive integer");
        }

        Limits(end - start);
        if ((end - start) / step > options.Value.MaxPointsPerSeries)
        {
            throw new PromLimitException($"the range and step give more than apiproxy.maxPointsPerSeries ({options.Value.MaxPointsPerSeries}) points per series; use a larger step");
        }
    }

    private void CheckSeries(PromParameters p)
    {
        if (!p.All.Any(kv => kv.Key == "match[]"))
        {
            throw new BadQueryException("no match[] parameter provided");
        }

        CheckTimeRange(p);
    }

    private void CheckTimeRange(PromParameters p)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        if (p.Time("start", null) is { } start)
        {
            Limits((p.Time("end", now) ?? now) - start);
        }
    }

    private void Limits(double seconds)
    {
        if (seconds > options.Value.MaxRange.TotalSeconds)
        {
            throw new PromLimitException($"the time range {TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", CultureInfo.InvariantCulture)} is longer than apiproxy.maxRange ({options.Value.MaxRange})");
        }
    }
}
