using System.Text.Json;
using Falcon.Roles.Hbs.Http;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;
using Falcon.Hosting.Admin;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>
/// The upgrade routes' handlers, with the fork's bodies: `{"msg":"success","data":...}`, and `{"msg":"..."}` naming
/// the problem on an error. Mutating routes admit loopback sockets or the `host.adminToken` bearer token only.
/// </summary>
internal sealed class UpgradeEndpoints(UpgradeCoordinator coordinator, Func<string?> adminToken, IAgentVersions agentVersions)
{
    public const string NoPrivilege = "no privilege";

    /// <summary>`POST /agent/upgrade`: store the task for every hbs and echo its arguments.</summary>
    public async Task<IResult> PushAsync(HttpContext context)
    {
        if (!await AdminAccess.IsAllowedAsync(context, adminToken()))
        {
            return Message(StatusCodes.Status403Forbidden, NoPrivilege);
        }

        UpgradeTaskRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, UpgradeJsonContext.Default.UpgradeTaskRequest, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return Message(StatusCodes.Status400BadRequest, $"request body is not valid upgrade JSON: {e.Message}");
        }

        if (request is null)
        {
            return Message(StatusCodes.Status400BadRequest, "request body is empty: send the upgrade arguments as JSON");
        }

        coordinator.ApplyDefaults(request);
        if (UpgradeTaskValidator.Validate(request) is { } problem)
        {
            return Message(StatusCodes.Status400BadRequest, problem);
        }

        try
        {
            var args = await coordinator.PushAsync(request, context.RequestAborted);
            return Data(args, UpgradeJsonContext.Default.HbsDataResponseAgentUpgradeArgs);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>`DELETE /agent/upgrade`: cancel the task (the fork had no access check here).</summary>
    public async Task<IResult> CancelAsync(HttpContext context)
    {
        if (!await AdminAccess.IsAllowedAsync(context, adminToken()))
        {
            return Message(StatusCodes.Status403Forbidden, NoPrivilege);
        }

        try
        {
            var cancelled = await coordinator.CancelAsync(context.RequestAborted);
            return Data(cancelled ? "upgrade cancelled" : "no upgrade task to cancel", UpgradeJsonContext.Default.HbsDataResponseString);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>
    /// `POST /agent/upgrade/pause[?by=name]` (Falcon): stop handing the task to agents until it is resumed; agents
    /// already upgrading finish. `by` names who paused it in the status (the console sends the signed-in person).
    /// </summary>
    public async Task<IResult> PauseAsync(HttpContext context)
    {
        if (!await AdminAccess.IsAllowedAsync(context, adminToken()))
        {
            return Message(StatusCodes.Status403Forbidden, NoPrivilege);
        }

        var by = context.Request.Query["by"].ToString().Trim();
        if (by.Length > 64 || by.Any(char.IsControl))
        {
            return Message(StatusCodes.Status400BadRequest, "by names who paused the task: at most 64 printable characters");
        }

        try
        {
            return await coordinator.PauseAsync(by.Length > 0 ? $"paused by {by}" : "paused by an operator", context.RequestAborted)
                ? Data("upgrade paused", UpgradeJsonContext.Default.HbsDataResponseString)
                : Message(StatusCodes.Status409Conflict, "no running upgrade task to pause");
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>`POST /agent/upgrade/resume` (Falcon): resume a paused task (paused by hand or on failures).</summary>
    public async Task<IResult> ResumeAsync(HttpContext context)
    {
        if (!await AdminAccess.IsAllowedAsync(context, adminToken()))
        {
            return Message(StatusCodes.Status403Forbidden, NoPrivilege);
        }

        try
        {
            return await coordinator.ResumeAsync(context.RequestAborted)
                ? Data("upgrade resumed", UpgradeJsonContext.Default.HbsDataResponseString)
                : Message(StatusCodes.Status409Conflict, "no paused upgrade task to resume");
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>`GET /agent/upgrade/nowargs`: the arguments agents are sent now; an empty struct when none.</summary>
    public async Task<IResult> NowArgsAsync(HttpContext context)
    {
        try
        {
            var args = await coordinator.GetArgsAsync(context.RequestAborted);
            return Data(args, UpgradeJsonContext.Default.HbsDataResponseAgentUpgradeArgs);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>`GET /agent/upgrade/status` (Falcon, for `falcon upgrade status`).</summary>
    public async Task<IResult> StatusAsync(HttpContext context)
    {
        try
        {
            var status = await coordinator.GetStatusAsync(context.RequestAborted);
            return Data(status, UpgradeJsonContext.Default.HbsDataResponseUpgradeStatus);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            return RedisDown(e);
        }
    }

    /// <summary>`GET /agentversions`: hostname → reported agent version, of agents heartbeating to this hbs.</summary>
    public IResult AgentVersions() =>
        Data(agentVersions.GetVersions(), UpgradeJsonContext.Default.HbsDataResponseIReadOnlyDictionaryStringString);

    private static IResult Data<T>(T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<HbsDataResponse<T>> typeInfo) =>
        Results.Json(new HbsDataResponse<T> { Data = data }, typeInfo);

    private static IResult Message(int statusCode, string message) =>
        Results.Json(new HbsMessageResponse { Msg = message }, UpgradeJsonContext.Default.HbsMessageResponse, statusCode: statusCode);

    // StackExchange.Redis appends a long diagnostic dump after " - "; the first part is what an operator needs here.
    private static IResult RedisDown(Exception e)
    {
        var cut = e.Message.IndexOf(" - ", StringComparison.Ordinal);
        var reason = cut > 0 ? e.Message[..cut] : e.Message;
        return Message(StatusCodes.Status503ServiceUnavailable, $"redis unavailable, the upgrade task cannot be read or changed: {reason}");
    }
}
