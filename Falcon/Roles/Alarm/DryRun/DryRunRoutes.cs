using Falcon.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>Registers and maps the dry run on the alarm's HTTP listener.</summary>
internal static class DryRunRoutes
{
    /// <summary>Needs the alarm intake (routing) and delivery (the channel senders) registered.</summary>
    public static IServiceCollection AddAlarmDryRun(this IServiceCollection services)
    {
        services.TryAddSingleton<DryRunEventSource>();
        services.TryAddSingleton<DryRunner>();
        return services;
    }

    /// <summary>Maps `POST /api/dryrun`; services come from <paramref name="root"/>, the process's container.</summary>
    public static IEndpointRouteBuilder MapDryRunRoutes(this IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var hosting = root.GetRequiredService<IOptions<HostingOptions>>();
        var api = new DryRunEndpoints(
            root.GetRequiredService<DryRunEventSource>(),
            root.GetRequiredService<DryRunner>(),
            () => hosting.Value.AdminToken,
            root.GetRequiredService<ILoggerFactory>().CreateLogger("Falcon.Alarm.DryRun"));
        endpoints.MapPost("/api/dryrun", (Func<HttpContext, Task<IResult>>)api.RunAsync);
        return endpoints;
    }
}
