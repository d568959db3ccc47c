using System.Net;
using System.Security.Cryptography;
using System.Text;
using Falcon.Hosting.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Hosting.Admin;

/// <summary>
/// Who may call a mutating admin route: a caller presenting the configured bearer token, or a loopback socket whose
/// request cannot have been made by a web page of another origin (a browser on the same host reaches loopback too).
/// The socket address is used, never a forwarded-for header. See docs/admin-access.md.
/// </summary>
internal static class AdminAccess
{
    /// <summary>The reason of the last refusal, kept on the request for the route's error body.</summary>
    public const string RefusalItem = "falcon.admin.refusal";

    /// <summary>
    /// True with a valid bearer token; otherwise true for a loopback caller that passes <see cref="LoopbackRefusal"/>.
    /// On false the reason is logged and left in <see cref="HttpContext.Items"/> under <see cref="RefusalItem"/>.
    /// </summary>
    public static bool IsAllowed(HttpContext context, string? adminToken)
    {
        var refusal = Refusal(context, adminToken);
        if (refusal is null)
        {
            return true;
        }

        context.Items[RefusalItem] = refusal;
        if (context.RequestServices?.GetService<ILoggerFactory>() is { } loggers)
        {
            Log.AdminRefused(loggers.CreateLogger("Falcon.Hosting.Admin"), context.Request.Method, context.Request.Path, refusal);
        }

        return false;
    }

    /// <summary>Null when the caller is admitted, else why not, in words for the caller.</summary>
    public static string? Refusal(HttpContext context, string? adminToken)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            // A request that carries a token is judged by it alone: a wrong token is not rescued by loopback.
            return HasToken(authorization, adminToken) ? null : "the bearer token is not host.adminToken";
        }

        var policy = context.RequestServices?.GetService<IOptions<HostingOptions>>()?.Value ?? new HostingOptions();
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return "not a loopback caller: send Authorization: Bearer <host.adminToken>";
        }

        if (!policy.TrustLoopback)
        {
            return "loopback callers are not trusted here (host.trustLoopback: false): send Authorization: Bearer <host.adminToken>";
        }

        return LoopbackRefusal(context.Request, policy.AdminHosts);
    }

    /// <summary>
    /// Why a loopback request may come from a browser page (null when it cannot): a cross-site Origin or
    /// Sec-Fetch-Site, a Host that is neither a loopback name nor configured (DNS rebinding), or a body that is not
    /// JSON (a form or text/plain post is what a page can send without asking the server first).
    /// </summary>
    internal static string? LoopbackRefusal(HttpRequest request, IReadOnlyCollection<string> adminHosts)
    {
        var host = request.Host.Host;
        if (request.Host.HasValue && !IsLoopbackName(host) && !adminHosts.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            return $"Host '{host}' is not a loopback name nor in host.adminHosts";
        }

        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && !fetchSite.Equals("same-origin", StringComparison.OrdinalIgnoreCase)
            && !fetchSite.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return $"Sec-Fetch-Site '{fetchSite}': a cross-origin browser request";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsSameOrigin(origin, request))
        {
            return $"Origin '{origin}' is not this server";
        }

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || request.ContentType is not null;
        if (hasBody && !IsJson(request.ContentType))
        {
            return $"the body must be JSON (Content-Type: application/json), not '{request.ContentType}'";
        }

        return null;
    }

    private static bool HasToken(string authorization, string? adminToken)
    {
        const string Scheme = "Bearer ";
        if (string.IsNullOrEmpty(adminToken) || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()),
            Encoding.UTF8.GetBytes(adminToken));
    }

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme == request.Scheme
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }
}
