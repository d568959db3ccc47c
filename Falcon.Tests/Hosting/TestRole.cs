using System.Diagnostics.Metrics;
using Falcon.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Falcon.Hosting.Http;

namespace Falcon.Tests.Hosting;

/// <summary>A role that exists only in tests, to exercise what Hosting gives every role.</summary>
internal static class TestRole
{
    public const string Name = "testrole";

    public static readonly Meter Meter = new("Falcon.TestRole");

    public static RoleDescriptor Descriptor(string listen, Action<IHostApplicationBuilder>? extra = null) => new(Name, "test", builder =>
    {
        var counter = Meter.CreateCounter<long>("falcon.testrole.pings");
        builder.AddRoleHttpListener(Name, _ => listen, (endpoints, _) =>
            endpoints.MapGet("/ping", () =>
            {
                counter.Add(1);
                return Results.Text("pong");
            }));
        extra?.Invoke(builder);
    });

    public const string LightName = "lightrole";

    /// <summary>A lightweight role (as the agent is) with its routes as a table.</summary>
    public static RoleDescriptor LightweightDescriptor(string listen) => new(LightName, "test", builder =>
    {
        var counter = Meter.CreateCounter<long>("falcon.lightrole.pings");
        builder.AddRoleHttpListener(LightName, _ => listen, _ =>
        [
            new HttpRoute(HttpMethods.Get, "/ping", context =>
            {
                counter.Add(1);
                return context.Response.WriteAsync("pong");
            }),
        ]);
    })
    {
        Lightweight = true,
    };

    public static void AddFailingHealthCheck(IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck("queue", () => HealthCheckResult.Unhealthy("queue is full"), tags: [Name]);
}
