using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Falcon.Hosting.Configuration;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>Maps the fork's upgrade routes, plus Falcon's status, pause and resume, on hbs's HTTP listener.</summary>
internal static class UpgradeRoutes
{
    /// <summary>
    /// Maps the routes. Services come from <paramref name="root"/> (the process's container), because role routes run
    /// in their own inner WebApplication whose RequestServices do not hold them.
    /// </summary>
    public static IEndpointRouteBuilder MapUpgradeRoutes(this IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var hosting = root.GetRequiredService<IOptions<HostingOptions>>();
        var handlers = new UpgradeEndpoints(
            root.GetRequiredService<UpgradeCoordinator>(),
            () => hosting.Value.AdminToken,
            root.GetRequiredService<IAgentVersions>());

        endpoints.MapPost("/agent/upgrade", (Func<HttpContext, Task<IResult>>)handlers.PushAsync);
        endpoints.MapDelete("/agent/upgrade", (Func<HttpContext, Task<IResult>>)handlers.CancelAsync);
        endpoints.MapPost("/agent/upgrade/pause", (Func<HttpContext, Task<IResult>>)handlers.PauseAsync);
        endpoints.MapPost("/agent/upgrade/resume", (Func<HttpContext, Task<IResult>>)handlers.ResumeAsync);
        endpoints.MapGet("/agent/upgrade/nowargs", (Func<HttpContext, Task<IResult>>)handlers.NowArgsAsync);
        endpoints.MapGet("/agent/upgrade/status", (Func<HttpContext, Task<IResult>>)handlers.StatusAsync);
        endpoints.MapGet("/agentversions", (Func<IResult>)handlers.AgentVersions);
        return endpoints;
    }
}
