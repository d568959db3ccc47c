using System.Text.Json.Nodes;
using Falcon.Roles.Console.Api;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// `GET /api/hosts/{host}/strategies`: which strategies apply to a host and through which group and template chain.
/// hbs answers it (`/hosts/{host}/strategies`): it holds open-falcon's inheritance rules and the very snapshot judges
/// are served, so the page cannot disagree with what is monitored. The maintenance window is read from MySQL, as it
/// is now rather than as of hbs's last refresh.
/// </summary>
internal sealed class HostStrategyEndpoints(Upstream upstream, FalconDatabases databases, HostKind hosts)
{
    public async Task<IResult> StrategiesAsync(HttpContext context, ConsoleCaller caller)
    {
        var host = JsonBody.Route(context, "host");
        HostDocument? stored;
        await using (var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted))
        {
            stored = await hosts.ReadDocumentAsync(connection, null, host, context.RequestAborted);
        }

        if (stored is null)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no host named '{host}'");
        }

        var (status, body) = await upstream.SendAsync(upstream.Hbs, HttpMethod.Get, $"hosts/{Uri.EscapeDataString(stored.Name)}/strategies", null, null, context.RequestAborted);
        if (status == StatusCodes.Status404NotFound)
        {
            // Known to MySQL but not yet to hbs's snapshot (added a moment ago): nothing is served to it yet.
            return Answer(stored, new JsonArray(), new JsonArray(), "hbs has not loaded this host yet; it serves it no strategies until its next refresh");
        }

        var data = status == StatusCodes.Status200OK ? Data(body) : null;
        if (data is null)
        {
            // hbs says why in text (e.g. its configuration is not loaded yet); pass the reason on as the console's JSON.
            var reason = System.Text.Encoding.UTF8.GetString(body);
            return ConsoleResults.Message(status == StatusCodes.Status200OK ? StatusCodes.Status502BadGateway : status,
                $"hbs could not say which strategies apply ({status}): {(reason.Length > 300 ? reason[..300] : reason)}");
        }

        return Answer(stored, data["strategies"]?.DeepClone() ?? new JsonArray(), data["expressions"]?.DeepClone() ?? new JsonArray(), null);
    }

    private static JsonObject? Data(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body)?["data"] as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IResult Answer(HostDocument host, JsonNode strategies, JsonNode expressions, string? note)
    {
        var answer = new JsonObject
        {
            ["host"] = host.Name,
            ["strategies"] = strategies,
            ["expressions"] = expressions,
            ["maintenance"] = host.MaintainEnd == 0 && host.MaintainBegin == 0
                ? null
                : new JsonObject { ["begin"] = host.MaintainBegin, ["end"] = host.MaintainEnd },
        };
        if (note is not null)
        {
            answer["note"] = note;
        }

        return JsonBody.Json(answer.ToJsonString());
    }
}
