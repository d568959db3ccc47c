using System.Text.Json;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Console.Config.People;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// The alarms page's API. Searching and reading go to the alarm role's `/api/alarms` as the signed-in person, so its
/// visibility rules (action → team) decide what they see; acknowledging first asks the alarm role whether the person
/// sees the case, then writes open-falcon's note and status, audited in falcon_portal (kind "ack").
/// </summary>
internal sealed class AlarmEndpoints(Upstream upstream, AckStore acks, ActionAudit audit, ConsoleMetrics metrics, ILogger logger)
{
    public const int MaxNoteLength = 300; // event_note.note is VARCHAR(300)

    public async Task<IResult> SearchAsync(HttpContext context, ConsoleCaller caller)
    {
        var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Get, "api/alarms" + context.Request.QueryString.Value, caller, null, context.RequestAborted);
        return ConsoleResults.Raw(status, body);
    }

    public async Task<IResult> GetAsync(HttpContext context, ConsoleCaller caller)
    {
        var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Get, "api/alarms/" + Id(context), caller, null, context.RequestAborted);
        return ConsoleResults.Raw(status, body);
    }

    public async Task<IResult> EventsAsync(HttpContext context, ConsoleCaller caller)
    {
        var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Get, "api/alarms/" + Id(context) + "/events", caller, null, context.RequestAborted);
        return ConsoleResults.Raw(status, body);
    }

    public async Task<IResult> NotesAsync(HttpContext context, ConsoleCaller caller)
    {
        if (await VisibleAsync(context, caller) is { } refusal)
        {
            return refusal;
        }

        return Results.Json(await acks.NotesAsync(Id(context), context.RequestAborted), ConsoleJsonContext.Default.IReadOnlyListCaseNote);
    }

    public Task<IResult> AcknowledgeAsync(HttpContext context, ConsoleCaller caller) => SetAsync(context, caller, AckStore.Acknowledged, "ack");

    public Task<IResult> WithdrawAsync(HttpContext context, ConsoleCaller caller) => SetAsync(context, caller, AckStore.Unresolved, "unack");

    private async Task<IResult> SetAsync(HttpContext context, ConsoleCaller caller, string processStatus, string action)
    {
        AckRequest? request = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                request = await JsonSerializer.DeserializeAsync(context.Request.Body, ConsoleJsonContext.Default.AckRequest, context.RequestAborted);
            }
            catch (JsonException e)
            {
                return ConsoleResults.Message(StatusCodes.Status400BadRequest, $"the body is not {{\"note\":\"...\"}}: {e.Message}");
            }
        }

        var note = (request?.Note ?? "").Trim();
        if (processStatus == AckStore.Acknowledged && note.Length == 0)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, "say why in a note: the team sees who acknowledged the alarm and why");
        }

        if (note.Length > MaxNoteLength)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, $"the note is {note.Length} characters long; at most {MaxNoteLength}");
        }

        if (await VisibleAsync(context, caller) is { } refusal)
        {
            return refusal;
        }

        var id = Id(context);
        if (!await acks.SetAsync(id, caller.UserId, processStatus, note.Length > 0 ? note : "acknowledgement withdrawn", context.RequestAborted))
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no alarm case {id}");
        }

        metrics.Action(action);
        Log.Acted(logger, caller.Name, action, id);
        var recorded = AuditJson.Object(("status", processStatus), ("note", note));
        await audit.RecordAsync(FalconDatabaseKind.Portal, new AuditEntry(caller.Name, action, "ack", Uri.UnescapeDataString(id), null, recorded, note));
        return ConsoleResults.Message(StatusCodes.Status200OK, processStatus == AckStore.Acknowledged ? $"{id} acknowledged" : $"{id}: acknowledgement withdrawn");
    }

    // The alarm role answers 404 for a case the person may not see, exactly as for one that does not exist.
    private async Task<IResult?> VisibleAsync(HttpContext context, ConsoleCaller caller)
    {
        var (status, body) = await upstream.SendAsync(upstream.Alarm, HttpMethod.Get, "api/alarms/" + Id(context), caller, null, context.RequestAborted);
        return status == StatusCodes.Status200OK ? null : ConsoleResults.Raw(status, body);
    }

    private static string Id(HttpContext context) => Uri.EscapeDataString(context.Request.RouteValues["id"] as string ?? "");
}
