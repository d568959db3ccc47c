using System.Text.Json;
using Falcon.Hosting;
using Falcon.Roles.Agent.Heartbeat;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Falcon.Hosting.Http;

namespace Falcon.Roles.Agent.Http;

/// <summary>
/// The agent's HTTP routes: open-falcon's `POST /v1/push`, `/version` and `/ips` (Hosting adds /health and /metrics).
/// There is deliberately no `/run`: remote command execution on every host is not a feature Falcon ships.
/// </summary>
internal static class AgentHttpRoutes
{
    /// <summary>The routes, served by Kestrel under `--role all` and by the small server when the agent runs alone.</summary>
    public static IReadOnlyList<HttpRoute> Routes(IServiceProvider root)
    {
        var push = root.GetRequiredService<PushEndpoint>();
        var ips = root.GetRequiredService<TrustableIps>();
        return
        [
            new(HttpMethods.Post, "/v1/push", push.HandleAsync),
            new(HttpMethods.Get, "/version", WriteVersionAsync),
            new(HttpMethods.Get, "/ips", context => WriteIpsAsync(context, ips)),
        ];
    }

    private static Task WriteVersionAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(FalconVersion.Current, context.RequestAborted);
    }

    // open-falcon's RenderDataJson envelope: {"msg":"success","data":[...]}.
    private static async Task WriteIpsAsync(HttpContext context, TrustableIps ips)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("msg"u8, "success");
            writer.WriteStartArray("data"u8);
            foreach (var ip in ips.Current)
            {
                writer.WriteStringValue(ip);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync();
    }
}
