using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Falcon.Shared.Silences;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Falcon.Hosting.Admin;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>
/// `/api/silences`: list (anyone who reaches the port), add and remove (a loopback caller or the `host.adminToken`
/// bearer token, decided on the socket address and headers, and for a body not typed as JSON on whether it parses
/// as JSON: docs/admin-access.md). Errors are `{"msg": "..."}` with 400, 403, 404 or 503.
/// </summary>
internal sealed class SilenceApiEndpoints(
    SilenceStore store,
    Func<string?> adminToken,
    IOptions<SilenceOptions> options,
    SilenceMetrics metrics,
    ILogger logger)
{
    public const string NoPrivilege = "no privilege: call from the alarm host (loopback) or send the host.adminToken as a bearer token";

    /// <summary>`GET /api/silences[?user=&amp;endpoint=]`: the silences in force, soonest to end first.</summary>
    public async Task<IResult> ListAsync(HttpContext context)
    {
        var user = context.Request.Query["user"].ToString();
        var endpoint = context.Request.Query["endpoint"].ToString();
        try
        {
            var silences = (await store.ListAsync(context.RequestAborted))
                .Where(s => user.Length == 0 || s.User == user)
                .Where(s => endpoint.Length == 0 || s.Endpoint == endpoint)
                .ToArray();
            return Data<IReadOnlyList<Silence>>(silences, SilenceApiJsonContext.Default.SilenceDataResponseIReadOnlyListSilence);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>`POST /api/silences` with `{"user","endpoint","counter","for","comment","createdBy"}`: 201 with the silence.</summary>
    public async Task<IResult> AddAsync(HttpContext context)
    {
        if (!await AdmittedAsync(context))
        {
            return Message(StatusCodes.Status403Forbidden, NoPrivilege);
        }

        SilenceAddRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, SilenceApiJsonContext.Default.SilenceAddRequest, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Message(StatusCodes.Status400BadRequest, $"request body is not valid silence JSON: {e.Message}");
        }

        if (request is null)
        {
            return Message(StatusCodes.Status400BadRequest, "request body is empty: send {\"user\",\"endpoint\",\"counter\",\"for\",\"comment\"} as JSON");
        }

        if (SilenceDuration.TryParse(request.For, out var durationProblem) is not { } duration)
        {
            return Message(StatusCodes.Status400BadRequest, $"for: {durationProblem}");
        }

        var createdBy = string.IsNullOrWhiteSpace(request.CreatedBy) ? $"api {Remote(context)}" : request.CreatedBy;
        var draft = new SilenceDraft(request.User, request.Endpoint, request.Counter, duration, request.Comment, createdBy);
        if (draft.Validate(options.Value.MaxDuration) is { } problem)
        {
            return Message(StatusCodes.Status400BadRequest, problem);
        }

        try
        {
            var silence = await store.AddAsync(draft, options.Value.MaxDuration, context.RequestAborted);
            metrics.Added("api");
            SilenceLog.Added(logger, silence.Id, silence.CreatedBy, "api", silence.Counter, silence.Endpoint, silence.User, silence.Until, silence.Comment);
            return Results.Json(new SilenceDataResponse<Silence> { Data = silence }, SilenceApiJsonContext.Default.SilenceDataResponseSilence, statusCode: StatusCodes.Status201Created);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>`DELETE /api/silences/{id}`: 200 when removed, 404 when there is no such silence in force.</summary>
    public async Task<IResult> RemoveAsync(HttpContext context)
    {
        if (!await AdmittedAsync(context))
        {
            return Message(StatusCodes.Status403Forbidden, NoPrivilege);
        }

        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        if (!SilenceIds.IsWellFormed(id))
        {
            return Message(StatusCodes.Status400BadRequest, $"'{id}' is not a silence id: ids are 16 hex digits, as 'falcon silence list' shows");
        }

        try
        {
            if (!await store.RemoveAsync(id, context.RequestAborted))
            {
                return Message(StatusCodes.Status404NotFound, $"no silence {id.ToLowerInvariant()}: it ended or was removed already");
            }

            metrics.Removed("api");
            SilenceLog.Removed(logger, id.ToLowerInvariant(), Remote(context));
            return Data($"silence {id.ToLowerInvariant()} removed", SilenceApiJsonContext.Default.SilenceDataResponseString);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    internal static string Remote(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static IResult Message(int statusCode, string message) =>
        Results.Json(new SilenceMessageResponse { Msg = message }, SilenceApiJsonContext.Default.SilenceMessageResponse, statusCode: statusCode);

    private static IResult Data<T>(T data, JsonTypeInfo<SilenceDataResponse<T>> typeInfo) =>
        Results.Json(new SilenceDataResponse<T> { Data = data }, typeInfo);

    // StackExchange.Redis appends a long diagnostic dump after " - "; the first part is what an operator needs here.
    private static IResult RedisDown(Exception e)
    {
        var cut = e.Message.IndexOf(" - ", StringComparison.Ordinal);
        var reason = cut > 0 ? e.Message[..cut] : e.Message;
        return Message(StatusCodes.Status503ServiceUnavailable, $"redis unavailable, silences cannot be read or changed: {reason}");
    }

    private async ValueTask<bool> AdmittedAsync(HttpContext context)
    {
        if (await AdminAccess.IsAllowedAsync(context, adminToken()))
        {
            return true;
        }

        SilenceLog.AccessRefused(logger, Remote(context));
        return false;
    }
}
