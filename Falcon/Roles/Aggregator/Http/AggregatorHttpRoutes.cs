using Falcon.Roles.Aggregator.Compute;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Roles.Aggregator.Scaling;
using Falcon.Roles.Aggregator.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Http;

/// <summary>
/// The aggregator's HTTP API beside /health and /metrics: `GET /aggregates` (what this instance owns, with the last
/// result and coverage of each) and `GET /aggregates/preview` (one definition computed now, nothing pushed), by
/// `id=cluster:12` or ad hoc with `counter=`, `group=` and optionally `methods=` and `step=`.
/// </summary>
internal static class AggregatorHttpRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var scheduler = root.GetRequiredService<StepScheduler>();
        var store = root.GetRequiredService<DefinitionStore>();
        var registry = root.GetRequiredService<InstanceRegistry>();
        var last = root.GetRequiredService<LastResults>();
        var computer = root.GetRequiredService<StepComputer>();
        var options = root.GetRequiredService<IOptions<AggregatorOptions>>().Value;
        var time = root.GetRequiredService<TimeProvider>();
        var json = AggregatorJsonContext.Default;

        endpoints.MapGet("/aggregates", () => Results.Json(
            new OwnedDefinitionsView(
                registry.InstanceId,
                registry.Live,
                [.. scheduler.Owned().Select(d => View(d, last.Get(d.Key)))],
                [.. store.Current.Problems.Select(static p => new ProblemView(p.Key, p.Problem))]),
            json.OwnedDefinitionsView));

        // A RequestDelegate (it writes its own IResult), so NativeAOT needs no generated binding for it.
        endpoints.MapGet("/aggregates/preview", async context => await (await PreviewAsync(context)).ExecuteAsync(context));

        async Task<IResult> PreviewAsync(HttpContext context)
        {
            var query = context.Request.Query;
            AggregateDefinition? definition;
            string? error;
            if (query.TryGetValue("id", out var id) && !string.IsNullOrEmpty(id))
            {
                definition = store.Current.Definitions.FirstOrDefault(d => d.Key == id || d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id);
                error = definition is null ? $"no definition '{id}' (ids look like cluster:12, aggregate:5 or poly:3; see GET /aggregates)" : null;
            }
            else
            {
                (definition, error) = AdHoc(query, options);
            }

            if (definition is null)
            {
                return Results.Json(new ApiError(error!), json.ApiError, statusCode: StatusCodes.Status400BadRequest);
            }

            var step = StepComputer.LatestDueStep(time.GetUtcNow(), definition.Step, options.Lag);
            try
            {
                var result = await computer.ComputeAsync(definition, step, context.RequestAborted);
                return Results.Json(new PreviewView(View(definition, null), ResultOf(result)), json.PreviewView);
            }
            catch (Exception e) when (e is HostListUnavailableException or TimeoutException or HttpRequestException or Shared.Tsdb.PrometheusQueryException)
            {
                return Results.Json(new ApiError(e.Message), json.ApiError, statusCode: StatusCodes.Status502BadGateway);
            }
        }
    }

    private static (AggregateDefinition? Definition, string? Error) AdHoc(IQueryCollection query, AggregatorOptions options)
    {
        var counter = query["counter"].ToString();
        var group = query["group"].ToString();
        if (counter.Length == 0 || group.Length == 0)
        {
            return (null, "give id=<definition>, or counter=<metric[/k=v]> and group=<host group> (with methods= and step= if you like)");
        }

        var stepText = query["step"].ToString();
        var step = 60;
        if (stepText.Length > 0 && (!int.TryParse(stepText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out step) || step <= 0))
        {
            return (null, $"step '{stepText}' is not a positive number of seconds");
        }

        var (definition, problem) = DefinitionRows.Aggregate(AggregateSource.Aggregate, 0, group, GroupNameTarget.KindName, group, counter, query["methods"].ToString(),
            null, null, "", step, (int)options.SeriesStep.TotalSeconds, "preview");
        return (definition, problem);
    }

    private static DefinitionView View(AggregateDefinition d, StepResult? result) => new(
        d.Key,
        $"{d.Target.Kind}:{d.Target.Name}",
        d.Formula is { } f ? $"{f.Numerator} / {f.Denominator}" : $"{d.Counter} ({string.Join(',', d.Methods.Select(static m => m.Name))})",
        d.Endpoint,
        d.Metric,
        d.Tags.Canonical,
        d.Step,
        d.LookbackSeconds,
        result is null ? null : ResultOf(result));

    private static ResultView ResultOf(StepResult r) => new(
        r.StepTime, r.Contributed, r.TargetHosts, r.Missing, r.StaleHostList, r.Note,
        [.. r.Points.Select(static p => new PointView(p.Endpoint, p.Metric, p.Tags, p.Value.Number, p.CounterType, p.Timestamp))]);
}
