using Falcon.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Transfer.Http;

/// <summary>transfer's HTTP routes: open-falcon's `POST /api/push` and `/version` (Hosting adds /health and /metrics).</summary>
internal static class TransferHttpRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, IServiceProvider root)
    {
        var push = root.GetRequiredService<PushEndpoint>();
        RequestDelegate handler = push.HandleAsync;
        endpoints.MapPost("/api/push", handler);
        endpoints.MapGet("/version", () => Results.Text(FalconVersion.Current));
    }
}
