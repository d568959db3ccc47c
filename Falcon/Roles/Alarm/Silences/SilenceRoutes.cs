using Falcon.Shared.Silences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Falcon.Hosting.Configuration;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>Maps the silence API and the link pages on the alarm's HTTP listener.</summary>
internal static class SilenceRoutes
{
    /// <summary>Maps the routes with services from the app's own container (a test host that registered <see cref="SilenceServiceCollectionExtensions.AddSilences"/> there).</summary>
    public static IEndpointRouteBuilder MapSilenceRoutes(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapSilenceRoutes(endpoints.ServiceProvider);

    /// <summary>
    /// Maps the routes. Services come from <paramref name="root"/> (the process's container), because role routes run
    /// in their own inner WebApplication whose RequestServices do not hold them.
    /// </summary>
    public static IEndpointRouteBuilder MapSilenceRoutes(this IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var hosting = root.GetRequiredService<IOptions<HostingOptions>>();
        var store = root.GetRequiredService<SilenceStore>();
        var options = root.GetRequiredService<IOptions<SilenceOptions>>();
        var metrics = root.GetRequiredService<SilenceMetrics>();
        var logger = root.GetRequiredService<ILoggerFactory>().CreateLogger("Falcon.Alarm.Silences");
        var api = new SilenceApiEndpoints(store, () => hosting.Value.AdminToken, options, metrics, logger);
        var links = new SilenceLinkEndpoints(store, root.GetRequiredService<SilenceLinks>(), options, metrics, logger);

        endpoints.MapGet("/api/silences", (Func<HttpContext, Task<IResult>>)api.ListAsync);
        endpoints.MapPost("/api/silences", (Func<HttpContext, Task<IResult>>)api.AddAsync);
        endpoints.MapDelete("/api/silences/{id}", (Func<HttpContext, Task<IResult>>)api.RemoveAsync);
        endpoints.MapGet(SilenceLinks.Path, (Func<HttpContext, IResult>)links.Confirm);
        endpoints.MapPost(SilenceLinks.Path, (Func<HttpContext, Task<IResult>>)links.ApplyAsync);
        return endpoints;
    }
}
