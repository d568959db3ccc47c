using System.Text.Json;
using Falcon.Roles.Console.Config.People;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Auth;

/// <summary>`POST /api/login`, `POST /api/logout`, `GET /api/session`. Sign-ins (ok and refused) and sign-outs are audited in uic (kind "session").</summary>
internal sealed class AuthEndpoints(
    UicSessions sessions,
    ConsoleAuth auth,
    SignInThrottle throttle,
    LdapSignIn ldap,
    ActionAudit audit,
    IOptions<ConsoleOptions> options,
    IReadOnlyList<string> silenceDurations,
    ConsoleMetrics metrics,
    ILogger logger)
{
    public async Task<IResult> SignInAsync(HttpContext context)
    {
        // A sign-in form posted from another site would sign the victim in as the attacker: same origin only, JSON only.
        if (!ConsoleAuth.SameOrigin(context) || !(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return ConsoleResults.Message(StatusCodes.Status403Forbidden, "sign-in takes a JSON body {\"name\",\"password\"} from this console's own page");
        }

        SignInRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, ConsoleJsonContext.Default.SignInRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is not { Name.Length: > 0 and <= 64, Password.Length: > 0 and <= 256 })
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, "name or password is blank");
        }

        var address = auth.ClientAddress(context);
        if (await throttle.BlockedForAsync(request.Name, address, context.RequestAborted) is { } wait)
        {
            metrics.SignIn("throttled");
            Log.SignInThrottled(logger, request.Name, address);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ConsoleResults.Message(StatusCodes.Status429TooManyRequests, $"too many wrong passwords: try again in {Math.Ceiling(wait.TotalMinutes)} min");
        }

        var outcome = await ldap.CheckAsync(request.Name, request.Password, await sessions.FindUserAsync(request.Name, context.RequestAborted), context.RequestAborted);
        if (outcome.Unavailable is { } unavailable)
        {
            metrics.SignIn("unavailable");
            await audit.RecordAsync(FalconDatabaseKind.Uic, new AuditEntry(request.Name, "sign-in-refused", "session", request.Name, null, null, $"from {address}: the LDAP directory did not answer"));
            return ConsoleResults.Message(StatusCodes.Status503ServiceUnavailable, unavailable);
        }

        if (!outcome.Ok)
        {
            await throttle.FailedAsync(request.Name, address, context.RequestAborted);
            metrics.SignIn("refused");
            Log.SignInRefused(logger, request.Name, address);
            await audit.RecordAsync(FalconDatabaseKind.Uic, new AuditEntry(request.Name, "sign-in-refused", "session", request.Name, null, null, $"from {address}"));
            // One message for an unknown user and a wrong password: the page must not tell which names exist.
            return ConsoleResults.Message(StatusCodes.Status401Unauthorized, "wrong user name or password");
        }

        await throttle.SucceededAsync(request.Name, context.RequestAborted);
        var (sig, expires) = await sessions.CreateAsync(outcome.Id, options.Value.SessionLifetime, context.RequestAborted);
        auth.SetCookie(context, sig, expires);
        metrics.SignIn("ok");
        Log.SignedIn(logger, outcome.Name, address);
        await audit.RecordAsync(FalconDatabaseKind.Uic, new AuditEntry(outcome.Name, "sign-in", "session", outcome.Name, null, null, $"from {address} ({outcome.Method})"));
        return await InfoAsync(new ConsoleCaller(outcome.Id, outcome.Name, outcome.Role >= 1, sig, expires), context.RequestAborted);
    }

    public async Task<IResult> SignOutAsync(HttpContext context, ConsoleCaller caller)
    {
        if (!caller.ViaToken)
        {
            await sessions.DeleteAsync(caller.Sig, context.RequestAborted);
            await audit.RecordAsync(FalconDatabaseKind.Uic, new AuditEntry(caller.Name, "sign-out", "session", caller.Name, null, null));
        }

        auth.ClearCookie(context);
        return ConsoleResults.Message(StatusCodes.Status200OK, "signed out");
    }

    public Task<IResult> SessionAsync(HttpContext context, ConsoleCaller caller) => InfoAsync(caller, context.RequestAborted);

    private async Task<IResult> InfoAsync(ConsoleCaller caller, CancellationToken cancellationToken) =>
        Results.Json(
            new SessionInfo
            {
                Name = caller.Name,
                Admin = caller.IsAdmin,
                Csrf = caller.ViaToken ? "" : await auth.CsrfTokenAsync(caller.Sig, cancellationToken),
                Expires = caller.Expires,
                SilenceDurations = silenceDurations,
            },
            ConsoleJsonContext.Default.SessionInfo);
}
