using System.Collections.Concurrent;
using Falcon.Hosting.Configuration;
using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy.Auth;

/// <summary>
/// open-falcon api's authentication: an `Apitoken` header naming a live uic.session, or whose sig is `apiproxy.token`
/// (open-falcon's default_token, for servers), or `Authorization: Bearer &lt;host.adminToken&gt;`. A good session is
/// remembered for a short while so each query does not cost a MySQL round trip.
/// </summary>
internal sealed class ApiProxyAuthenticator(
    FalconDatabases databases, IOptions<ApiProxyOptions> options, IOptions<HostingOptions> hosting, TimeProvider timeProvider)
{
    public const string HowToAuthenticate =
        "send open-falcon's Apitoken header {\"name\":\"<user>\",\"sig\":\"<session sig or apiproxy.token>\"}, or Authorization: Bearer <host.adminToken>";

    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<ApiToken, DateTimeOffset> _good = new();

    /// <summary>Null when the caller may query; otherwise the status (401, 403 or 503) and the reason.</summary>
    public async Task<(int Status, string Error)?> CheckAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            return BearerToken.Matches(authorization, hosting.Value.AdminToken)
                ? null
                : (StatusCodes.Status401Unauthorized, "the bearer token is not this apiproxy's host.adminToken");
        }

        var header = context.Request.Headers[ApiToken.HeaderName].ToString();
        if (header.Length == 0)
        {
            return (StatusCodes.Status401Unauthorized, "no credentials: " + HowToAuthenticate);
        }

        if (!ApiToken.TryParse(header, out var token, out var problem))
        {
            return (StatusCodes.Status401Unauthorized, problem);
        }

        var serverToken = options.Value.Token;
        if (serverToken.Length > 0 && BearerToken.SecretEquals(token.Sig, serverToken))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (_good.TryGetValue(token, out var until) && until > now)
        {
            return null;
        }

        UicSession? session;
        try
        {
            session = await UicSessions.FindAsync(databases, token.Name, token.Sig, cancellationToken);
        }
        catch (Exception e) when (e is MySqlConnector.MySqlException or InvalidOperationException or TimeoutException)
        {
            return (StatusCodes.Status503ServiceUnavailable, "cannot check the session in the uic database: " + e.Message);
        }

        if (session is null)
        {
            return (StatusCodes.Status401Unauthorized, $"no session {UicSessions.Mask(token.Sig)} for user '{token.Name}': log in again");
        }

        if (session.IsExpired(now))
        {
            return (StatusCodes.Status401Unauthorized, $"the session of user '{token.Name}' expired: log in again");
        }

        if (session.IsBlocked)
        {
            return (StatusCodes.Status403Forbidden, $"user '{token.Name}' is blocked");
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(session.Expired);
        _good[token] = expires < now + RememberFor ? expires : now + RememberFor;
        if (_good.Count > 10_000)
        {
            _good.Clear();
        }

        return null;
    }
}
