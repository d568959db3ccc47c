using System.Text.Json;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Console.Config.People;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// The silences page's API, through the alarm role's silence API (so every alarm instance honours a change at once).
/// A person silences for themselves or for the members of their teams, and removes silences of themselves or their
/// teammates; an admin (uic role admin or root, or the admin token) may do either for anyone. Additions and removals
/// are audited in falcon_portal (kind "silence") once the alarm role took them.
/// </summary>
internal sealed class SilenceEndpoints(Upstream upstream, UicSessions uic, ActionAudit audit, ConsoleMetrics metrics, ILogger logger)
{
    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Get, "api/silences", null, null, context.RequestAborted);
        return ConsoleResults.Raw(status, body);
    }

    public async Task<IResult> AddAsync(HttpContext context, ConsoleCaller caller)
    {
        SilenceRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ConsoleJsonContext.Default.SilenceRequest, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, $"the body is not silence JSON {{\"scope\",\"endpoint\",\"counter\",\"for\",\"comment\"}}: {e.Message}");
        }

        if (request is null)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, "the body is empty");
        }

        IReadOnlyList<string> users;
        switch (request.Scope ?? "me")
        {
            case "me" when !caller.ViaToken:
                users = [caller.Name];
                break;
            case "team" when !caller.ViaToken:
                users = await uic.TeammatesAsync(caller.UserId, context.RequestAborted);
                if (users.Count == 0)
                {
                    return ConsoleResults.Message(StatusCodes.Status400BadRequest, "you are in no team: silence for yourself instead");
                }

                break;
            case "user" when caller.IsAdmin && !string.IsNullOrWhiteSpace(request.User):
                users = [request.User.Trim()];
                break;
            default:
                return ConsoleResults.Message(StatusCodes.Status400BadRequest, caller.ViaToken
                    ? "the admin token is nobody: give scope \"user\" and the recipient in \"user\""
                    : "scope is me or team (admins may also give scope \"user\" with a \"user\")");
        }

        var created = new List<JsonElement>();
        foreach (var user in users)
        {
            var add = new AlarmSilenceAdd { User = user, Endpoint = request.Endpoint, Counter = request.Counter, For = request.For, Comment = request.Comment, CreatedBy = caller.Name };
            var json = JsonSerializer.SerializeToUtf8Bytes(add, ConsoleJsonContext.Default.AlarmSilenceAdd);
            var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Post, "api/silences", null, json, context.RequestAborted);
            if (status != StatusCodes.Status201Created)
            {
                return ConsoleResults.Raw(status, body); // the alarm role's message says what is wrong with the silence
            }

            var silence = JsonDocument.Parse(body).RootElement.GetProperty("data").Clone();
            created.Add(silence);
            await audit.RecordAsync(FalconDatabaseKind.Portal, new AuditEntry(
                caller.Name, "add", "silence", SilenceName(silence, user), null, silence.GetRawText(), $"{request.Counter} on {request.Endpoint} for {user}, {request.For}"));
        }

        metrics.Action("silence");
        Log.Acted(logger, caller.Name, "silenced", $"{request.Counter} on {request.Endpoint} for {request.For} ({string.Join(',', users)})");
        return Results.Json(created, ConsoleJsonContext.Default.ListJsonElement, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> RemoveAsync(HttpContext context, ConsoleCaller caller)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        // The silence as it was, for the permission check and for the audit row's old value.
        var (listStatus, listBody) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Get, "api/silences", null, null, context.RequestAborted);
        var before = listStatus == StatusCodes.Status200OK ? Find(listBody, id) : null;
        if (!caller.IsAdmin)
        {
            if (listStatus != StatusCodes.Status200OK)
            {
                return ConsoleResults.Raw(listStatus, listBody);
            }

            var silence = JsonSerializer.Deserialize(listBody, ConsoleJsonContext.Default.SilenceList)?.Data?
                .FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
            if (silence is null)
            {
                return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no silence {id}: it ended or was removed already");
            }

            var teammates = await uic.TeammatesAsync(caller.UserId, context.RequestAborted);
            if (silence.User != caller.Name && !teammates.Contains(silence.User, StringComparer.Ordinal))
            {
                return ConsoleResults.Message(StatusCodes.Status403Forbidden, $"silence {id} is for {silence.User}, who is not in your teams; ask them or an admin");
            }
        }

        var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Delete, "api/silences/" + Uri.EscapeDataString(id), null, null, context.RequestAborted);
        if (status == StatusCodes.Status200OK)
        {
            metrics.Action("unsilence");
            Log.Acted(logger, caller.Name, "removed silence", id);
            await audit.RecordAsync(FalconDatabaseKind.Portal, new AuditEntry(caller.Name, "remove", "silence", id, before?.GetRawText(), null));
        }

        return ConsoleResults.Raw(status, body);
    }

    // The silence's id names it in the audit (the alarm role's ids are stable); the user when it has none.
    private static string SilenceName(JsonElement silence, string user) =>
        silence.ValueKind == JsonValueKind.Object && silence.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : user;

    private static JsonElement? Find(byte[] list, string id)
    {
        try
        {
            using var document = JsonDocument.Parse(list);
            if (document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var silence in data.EnumerateArray())
                {
                    if (string.Equals(SilenceName(silence, ""), id, StringComparison.OrdinalIgnoreCase))
                    {
                        return silence.Clone();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // No old value then; the removal itself does not depend on it.
        }

        return null;
    }
}
