using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// Who a request comes from, and whether a mutating one may proceed. The session cookie holds the uic.session sig
/// (HttpOnly, SameSite=Strict, expiring with the session). A mutating call with the cookie must carry the CSRF token
/// (an HMAC of the sig under the console's secret) in <see cref="CsrfHeader"/>, and its Origin, when sent, must be this
/// console: a cross-site form can do neither. The admin token (a bearer header) needs no CSRF token, as a browser never
/// adds it by itself.
/// </summary>
internal sealed class ConsoleAuth(UicSessions sessions, ConsoleSecrets secrets, TrustedProxies proxies, IOptions<ConsoleOptions> options)
{
    public const string CookieName = "falcon_console";
    public const string CsrfHeader = "X-Falcon-Csrf";

    /// <summary>The caller, or null with the answer to send (401 or 403).</summary>
    public async Task<(ConsoleCaller? Caller, IResult? Refusal)> ResolveAsync(HttpContext context, bool mutating)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            const string Scheme = "Bearer ";
            var token = await secrets.AdminTokenAsync(context.RequestAborted);
            return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
                   && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token))
                ? (ConsoleCaller.Token, null)
                : (null, ConsoleResults.Message(StatusCodes.Status401Unauthorized, "the bearer token is not this console's admin token (console.adminToken)"));
        }

        var sig = context.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(sig) || sig.Length > 64)
        {
            return (null, ConsoleResults.Message(StatusCodes.Status401Unauthorized, "not signed in"));
        }

        if (mutating && !await CsrfPassesAsync(context, sig))
        {
            return (null, ConsoleResults.Message(StatusCodes.Status403Forbidden, "cross-site request refused: the CSRF token is missing or wrong, or the Origin is not this console"));
        }

        var caller = await sessions.FindAsync(sig, context.RequestAborted);
        return caller is null
            ? (null, ConsoleResults.Message(StatusCodes.Status401Unauthorized, "the session ended: sign in again"))
            : (caller, null);
    }

    /// <summary>The client's address: the socket's, or from a trusted proxy the address it forwards for (console.trustedProxies).</summary>
    public string ClientAddress(HttpContext context) => proxies.ClientAddress(context);

    public async Task<string> CsrfTokenAsync(string sig, CancellationToken cancellationToken)
    {
        var key = await secrets.SessionSecretAsync(cancellationToken);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(sig)));
    }

    /// <summary>Refuses a request whose Origin (or, without one, Sec-Fetch-Site) says it came from another site.</summary>
    public static bool SameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                   && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
        }

        var site = context.Request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none";
    }

    public void SetCookie(HttpContext context, string sig, DateTimeOffset expires) =>
        context.Response.Cookies.Append(CookieName, sig, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = options.Value.SecureCookie || proxies.IsHttps(context),
            Expires = expires,
            Path = "/",
        });

    public void ClearCookie(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = options.Value.SecureCookie || proxies.IsHttps(context),
            Path = "/",
        });

    /// <summary>True when a mutating call signed in as <paramref name="sig"/> comes from this console's own page.</summary>
    internal async Task<bool> CsrfPassesAsync(HttpContext context, string sig)
    {
        if (!SameOrigin(context))
        {
            return false;
        }

        var sent = context.Request.Headers[CsrfHeader].ToString();
        var expected = await CsrfTokenAsync(sig, context.RequestAborted);
        return sent.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
    }
}
