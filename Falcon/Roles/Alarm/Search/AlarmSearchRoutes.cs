using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Search;

/// <summary>Maps the alarm records search on the alarm's HTTP listener.</summary>
internal static class AlarmSearchRoutes
{
    /// <summary>Maps the routes with services from the app's own container (a test host that registered <see cref="AlarmSearchServiceCollectionExtensions.AddAlarmSearch"/> there).</summary>
    public static IEndpointRouteBuilder MapAlarmSearchRoutes(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapAlarmSearchRoutes(endpoints.ServiceProvider);

    /// <summary>Maps the routes; services come from <paramref name="root"/>, the process's container, as role routes run in their own inner app.</summary>
    public static IEndpointRouteBuilder MapAlarmSearchRoutes(this IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var api = new AlarmSearchEndpoints(
            root.GetRequiredService<AlarmCallerResolver>(),
            root.GetRequiredService<ActionVisibility>(),
            root.GetRequiredService<AlarmCaseStore>(),
            root.GetRequiredService<IOptions<AlarmSearchOptions>>(),
            root.GetRequiredService<ILoggerFactory>().CreateLogger("Falcon.Alarm.Search"));
        endpoints.MapGet("/api/alarms", (Func<HttpContext, Task<IResult>>)api.SearchAsync);
        endpoints.MapGet("/api/alarms/{id}", (Func<HttpContext, Task<IResult>>)api.GetAsync);
        endpoints.MapGet("/api/alarms/{id}/events", (Func<HttpContext, Task<IResult>>)api.EventsAsync);
        return endpoints;
    }
}
