using Falcon.Shared.Portal;
using Falcon.Shared.Portal.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Falcon.Roles.Alarm.Search;

/// <summary>
/// Who is calling. `Authorization: Bearer &lt;host.adminToken&gt;` sees every alarm. Otherwise open-falcon's
/// `Apitoken: {"name":"&lt;user&gt;","sig":"&lt;sig&gt;"}` must name a uic.session row of that user that has not expired
/// (session.expired is unix seconds), and the caller sees the alarms of their teams (rel_team_user). A loopback caller
/// gets no exception here, unlike the mutating admin routes: searching shows other teams' alarms, and anyone with a shell
/// on the alarm host is not thereby one of those teams.
/// </summary>
internal sealed class AlarmCallerResolver(FalconDatabases databases, Func<string?> adminToken, IOptions<AlarmSearchOptions> options, TimeProvider timeProvider)
{
    public const string HeaderName = ApiToken.HeaderName;

    public const string HowToAuthenticate =
        "send open-falcon's Apitoken header {\"name\":\"<user>\",\"sig\":\"<session sig>\"} (a uic session), or Authorization: Bearer <host.adminToken>";

    public async Task<AlarmCallerResult> ResolveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            return IsAdminToken(authorization)
                ? AlarmCallerResult.Of(AlarmCaller.Admin)
                : AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, "the bearer token is not this alarm's host.adminToken");
        }

        var header = context.Request.Headers[HeaderName].ToString();
        if (header.Length == 0)
        {
            return AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, "no credentials: " + HowToAuthenticate);
        }

        if (!ApiToken.TryParse(header, out var token, out var problem))
        {
            return AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, problem);
        }

        return await FromSessionAsync(token.Name, token.Sig, cancellationToken);
    }

    private bool IsAdminToken(string authorization) => BearerToken.Matches(authorization, adminToken());

    private async Task<AlarmCallerResult> FromSessionAsync(string name, string sig, CancellationToken cancellationToken)
    {
        var session = await UicSessions.FindAsync(databases, name, sig, cancellationToken);
        if (session is null)
        {
            return AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, $"no session {UicSessions.Mask(sig)} for user '{name}': log in again");
        }

        if (session.IsExpired(timeProvider.GetUtcNow()))
        {
            return AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, $"the session of user '{name}' expired at {DateTimeOffset.FromUnixTimeSeconds(session.Expired):yyyy-MM-dd HH:mm:ss} UTC: log in again");
        }

        if (session.IsBlocked)
        {
            return AlarmCallerResult.Refused(StatusCodes.Status403Forbidden, $"user '{name}' is blocked");
        }

        var role = session.Role;
        var uid = session.Uid;
        if (role >= 1 && options.Value.UicAdminsSeeAll)
        {
            return AlarmCallerResult.Of(new AlarmCaller(name, true, []));
        }

        var teams = new List<string>();
        await using var uic = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using (var command = new MySqlCommand("SELECT DISTINCT t.name FROM rel_team_user r JOIN team t ON t.id = r.tid WHERE r.uid = @uid ORDER BY t.name", uic))
        {
            command.Parameters.AddWithValue("@uid", uid);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                teams.Add(reader.GetString(0));
            }
        }

        return AlarmCallerResult.Of(new AlarmCaller(name, false, teams));
    }
}
