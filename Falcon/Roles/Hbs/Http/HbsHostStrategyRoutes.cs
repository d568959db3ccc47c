using Falcon.Roles.Hbs.Config;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Falcon.Roles.Hbs.Http;

/// <summary>
/// Falcon: `GET /hosts/{hostname}/strategies`, which strategies hbs serves a host and through which group and template
/// chain, for the console's host page (open-falcon users could only look this up from the group side). hbs answers it
/// because it holds the inheritance rules and the snapshot the judges are actually served.
/// </summary>
internal static class HbsHostStrategyRoutes
{
    public static void MapHostStrategiesRoute(this IEndpointRouteBuilder endpoints, HbsConfig config)
    {
        var json = HbsHttpJsonContext.Default.HbsDataResponseHostExplanation;
        endpoints.MapGet("/hosts/{hostname}/strategies", (string hostname) =>
        {
            if (!config.TryGetView(out var view))
            {
                return Results.Text("hbs configuration not loaded yet (MySQL and the Redis snapshot are unreachable)", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return view.ExplainHost(hostname) is { } explanation
                ? Results.Json(new HbsDataResponse<HostExplanation> { Data = explanation }, json)
                : Results.Json(new HbsDataResponse<HostExplanation> { Msg = $"hbs knows no host '{hostname}' (yet: its configuration refreshes every hbs.cache.refreshInterval)" }, json, statusCode: StatusCodes.Status404NotFound);
        });
    }
}
