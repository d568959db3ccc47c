using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Falcon.Hosting.Rpc;

namespace Falcon.Hosting.Http;

/// <summary>Lets a role declare its listeners: HTTP (Hosting adds /health and /metrics) and JSON-RPC.</summary>
internal static class RoleHttpExtensions
{
    /// <summary>Adds an HTTP listener for <paramref name="role"/> at the address <paramref name="listen"/> reads; <paramref name="map"/> gets the root services.</summary>
    public static IHostApplicationBuilder AddRoleHttpListener(
        this IHostApplicationBuilder builder,
        string role,
        Func<IServiceProvider, string> listen,
        Action<IEndpointRouteBuilder, IServiceProvider> map)
    {
        builder.Services.AddSingleton(sp => new RoleHttpServer(role, listen(sp), map, sp));
        // Not AddHostedService: with a factory it de-duplicates by type, and several roles each add a RoleHttpServer.
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetServices<RoleHttpServer>().Single(s => s.Role == role));
        return builder;
    }

    /// <summary>
    /// Adds an HTTP listener for <paramref name="role"/> whose routes are a plain table (<paramref name="routes"/> gets
    /// the root services): Kestrel serves it, or the small server when the process runs lightweight roles only.
    /// </summary>
    public static IHostApplicationBuilder AddRoleHttpListener(
        this IHostApplicationBuilder builder,
        string role,
        Func<IServiceProvider, string> listen,
        Func<IServiceProvider, IReadOnlyList<HttpRoute>> routes)
    {
        builder.Services.AddSingleton(sp => new RoleHttpServer(role, listen(sp), routes, sp));
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetServices<RoleHttpServer>().Single(s => s.Role == role));
        return builder;
    }

    /// <summary>Adds a JSON-RPC listener for <paramref name="role"/> at the address <paramref name="listen"/> reads; <paramref name="register"/> adds its methods.</summary>
    public static IHostApplicationBuilder AddRoleRpcListener(
        this IHostApplicationBuilder builder,
        string role,
        Func<IServiceProvider, string> listen,
        string meterName,
        Action<Shared.Wire.JsonRpcServer, IServiceProvider> register)
    {
        builder.Services.AddSingleton(sp => new RoleRpcServer(role, listen(sp), meterName, register, sp));
        builder.Services.AddSingleton<IHostedService>(sp => sp.GetServices<RoleRpcServer>().Single(s => s.Role == role));
        return builder;
    }
}
