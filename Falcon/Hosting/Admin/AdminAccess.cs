using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Falcon.Hosting.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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

    // Admin bodies are a few hundred bytes; one that is not typed as JSON is read whole to be checked, so bounded.
    private const int MaxCheckedBody = 64 * 1024;

    /// <summary>
    /// True with a valid bearer token; otherwise true for a loopback caller that passes <see cref="LoopbackRefusal"/>
    /// and <see cref="BodyRefusalAsync"/>. On false the reason is logged and left in <see cref="HttpContext.Items"/>
    /// under <see cref="RefusalItem"/>. The body stays readable by the route.
    /// </summary>
    public static async ValueTask<bool> IsAllowedAsync(HttpContext context, string? adminToken)
    {
        var refusal = await RefusalAsync(context, adminToken);
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
    public static async ValueTask<string?> RefusalAsync(HttpContext context, string? adminToken)
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

        return LoopbackRefusal(context.Request, policy.AdminHosts) ?? await BodyRefusalAsync(context, context.RequestAborted);
    }

    /// <summary>
    /// Why a loopback request's headers say it may come from a browser page (null when they cannot): a cross-site
    /// Origin or Sec-Fetch-Site, or a Host that is neither a loopback name nor configured (DNS rebinding).
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

        return null;
    }

    /// <summary>
    /// The body rule for a tokenless loopback call that passed <see cref="LoopbackRefusal"/>: none, or JSON. With
    /// `Content-Type: application/json` the route itself parses it (a page of another origin cannot send that type
    /// without a CORS preflight, which Falcon never grants). Any other type (curl's `-d` sends
    /// application/x-www-form-urlencoded) is read here and admitted when it parses as JSON: a browser page posting a
    /// form across origins always sends Origin or Sec-Fetch-Site, refused above, so what is left is curl or a script
    /// on the host, and a form body (`a=b`) is still refused. The bytes read are put back for the route.
    /// </summary>
    internal static async ValueTask<string?> BodyRefusalAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0);
        if (!canHaveBody || request.ContentLength == 0 || IsJson(request.ContentType))
        {
            return null;
        }

        var body = new MemoryStream();
        context.Response.RegisterForDispose(body);
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxCheckedBody)
            {
                return $"a body of more than {MaxCheckedBody / 1024} KiB with Content-Type '{request.ContentType}': send it as application/json";
            }

            body.Write(buffer, 0, read);
        }

        body.Position = 0;
        request.Body = body;
        if (body.Length > 0 && !ParsesAsJson(body.GetBuffer().AsSpan(0, (int)body.Length)))
        {
            return $"the body is not JSON (Content-Type '{request.ContentType}'): send a JSON body, e.g. curl -d '{{\"key\":\"value\"}}'";
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

    private static bool ParsesAsJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

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
