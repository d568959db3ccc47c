using Falcon.Roles.Console.Auth;
using Falcon.Roles.Console.Config.People;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Console.Api;

/// <summary>
/// The upgrades page's API over hbs's upgrade routes. The status is passed through as hbs wrote it, so fields hbs adds
/// later reach the page without a console change. Push, pause, resume and cancel are for admins, and are
/// audited in falcon_portal (kind "upgrade") once hbs took them.
/// </summary>
internal sealed class UpgradeEndpoints(Upstream upstream, ActionAudit audit, ConsoleMetrics metrics, ILogger logger)
{
    public async Task<IResult> StatusAsync(HttpContext context, ConsoleCaller caller)
    {
        var (status, body) = await upstream.SendAsync(upstream.Hbs, HttpMethod.Get, "agent/upgrade/status", null, null, context.RequestAborted);
        return ConsoleResults.Raw(status, body);
    }

    public async Task<IResult> PushAsync(HttpContext context, ConsoleCaller caller)
    {
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
        return await AdminAsync(context, caller, HttpMethod.Post, "agent/upgrade", copy.ToArray(), "push");
    }

    /// <summary>Pauses the task; hbs records the signed-in person as who paused it.</summary>
    public Task<IResult> PauseAsync(HttpContext context, ConsoleCaller caller) =>
        AdminAsync(context, caller, HttpMethod.Post, "agent/upgrade/pause?by=" + Uri.EscapeDataString(caller.Name), [], "pause");

    public Task<IResult> ResumeAsync(HttpContext context, ConsoleCaller caller) =>
        AdminAsync(context, caller, HttpMethod.Post, "agent/upgrade/resume", [], "resume");

    public Task<IResult> CancelAsync(HttpContext context, ConsoleCaller caller) =>
        AdminAsync(context, caller, HttpMethod.Delete, "agent/upgrade", null, "cancel");

    private async Task<IResult> AdminAsync(HttpContext context, ConsoleCaller caller, HttpMethod method, string path, byte[]? body, string action)
    {
        if (!caller.IsAdmin)
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, "upgrades are pushed, paused, resumed and cancelled by admins (uic role admin or root)");
        }

        var (status, answer) = await upstream.SendAsync(upstream.Hbs, method, path, null, body, context.RequestAborted);
        if (status is >= 200 and < 300)
        {
            metrics.Action("upgrade");
            Log.Acted(logger, caller.Name, "upgrade " + action, path);
            await audit.RecordAsync(FalconDatabaseKind.Portal, new AuditEntry(caller.Name, action, "upgrade", "agent-upgrade", null, AuditJson.OrNull(body), $"upgrade {action}"));
        }

        return ConsoleResults.Raw(status, answer);
    }
}
