using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Search;

/// <summary>
/// `GET /api/alarms`, `GET /api/alarms/{id}` and `GET /api/alarms/{id}/events`: alarm records the caller's teams may see
/// (<see cref="AlarmCallerResolver"/>). A case another team owns answers 404, as one that does not exist. Errors are
/// open-falcon's `{"error":"..."}` with 400, 401, 403, 404 or 503.
/// </summary>
internal sealed class AlarmSearchEndpoints(
    AlarmCallerResolver callers,
    ActionVisibility visibility,
    AlarmCaseStore store,
    IOptions<AlarmSearchOptions> options,
    ILogger logger)
{
    public async Task<IResult> SearchAsync(HttpContext context)
    {
        var query = AlarmSearchQueryParser.Parse(context.Request.Query, options.Value, out var problem);
        if (query is null)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        return await GuardAsync(context, async (caller, ct) =>
        {
            var visible = await visibility.VisibleToAsync(caller, ct);
            var actionOf = await visibility.ActionResolverAsync(ct);
            var (cases, next) = await store.SearchAsync(query, visible, actionOf, ct);
            SearchLog.Searched(logger, caller.Name, cases.Count);
            return Json(new AlarmSearchPage { Data = cases, NextCursor = next?.Encode() }, AlarmSearchJsonContext.Default.AlarmSearchPage);
        });
    }

    public Task<IResult> GetAsync(HttpContext context) =>
        GuardAsync(context, async (caller, ct) =>
        {
            var found = await VisibleCaseAsync(context, caller, ct);
            if (found.Case is not { } alarm)
            {
                return found.Error!;
            }

            alarm.Events = await store.EventsAsync(alarm.Id, options.Value.MaxEventsPerCase, ct);
            return Json(new AlarmCaseResponse { Data = alarm }, AlarmSearchJsonContext.Default.AlarmCaseResponse);
        });

    public Task<IResult> EventsAsync(HttpContext context) =>
        GuardAsync(context, async (caller, ct) =>
        {
            var found = await VisibleCaseAsync(context, caller, ct);
            if (found.Case is not { } alarm)
            {
                return found.Error!;
            }

            var events = await store.EventsAsync(alarm.Id, options.Value.MaxEventsPerCase, ct);
            return Json(new AlarmEventsResponse { Data = events }, AlarmSearchJsonContext.Default.AlarmEventsResponse);
        });

    internal static IResult Error(int statusCode, string message) =>
        Results.Json(new AlarmSearchError { Error = message }, AlarmSearchJsonContext.Default.AlarmSearchError, statusCode: statusCode);

    private static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo) => Results.Json(value, typeInfo);

    private async Task<(AlarmCase? Case, IResult? Error)> VisibleCaseAsync(HttpContext context, AlarmCaller caller, CancellationToken cancellationToken)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        if (id.Length is 0 or > 50 || id.Any(char.IsControl))
        {
            return (null, Error(StatusCodes.Status400BadRequest, "the case id must be 1 to 50 characters, as event_cases.id (s_<strategy>_<hash> or e_<expression>_<hash>)"));
        }

        var actionOf = await visibility.ActionResolverAsync(cancellationToken);
        var alarm = await store.GetAsync(id, actionOf, cancellationToken);
        if (alarm is not null && !caller.SeesAll)
        {
            var visible = await visibility.VisibleToAsync(caller, cancellationToken);
            var seen = alarm.ExpressionId > 0 ? visible.ExpressionIds.Contains(alarm.ExpressionId) : visible.TemplateIds.Contains(alarm.TemplateId);
            alarm = seen ? alarm : null;
        }

        return alarm is null
            ? (null, Error(StatusCodes.Status404NotFound, $"no alarm case '{id}' that your teams can see"))
            : (alarm, null);
    }

    private async Task<IResult> GuardAsync(HttpContext context, Func<AlarmCaller, CancellationToken, Task<IResult>> action)
    {
        var ct = context.RequestAborted;
        try
        {
            var result = await callers.ResolveAsync(context, ct);
            if (result.Caller is null)
            {
                SearchLog.Refused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", result.StatusCode, result.Error);
                return Error(result.StatusCode, result.Error);
            }

            return await action(result.Caller, ct);
        }
        catch (MySqlException e)
        {
            SearchLog.DatabaseFailed(logger, e.Message);
            return Error(StatusCodes.Status503ServiceUnavailable, $"MySQL unavailable, alarms cannot be searched now: {e.Message}");
        }
    }
}
