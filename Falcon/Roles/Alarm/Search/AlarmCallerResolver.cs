using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Falcon.Shared.Portal;
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
    public const string HeaderName = "Apitoken";

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

        ApiTokenHeader? token;
        try
        {
            token = JsonSerializer.Deserialize(header, AlarmSearchJsonContext.Default.ApiTokenHeader);
        }
        catch (JsonException)
        {
            token = null;
        }

        if (token is not { Name.Length: > 0 and <= 64, Sig.Length: > 0 and <= 32 })
        {
            return AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, "the Apitoken header is not {\"name\":\"<user>\",\"sig\":\"<session sig>\"}");
        }

        return await FromSessionAsync(token.Name, token.Sig, cancellationToken);
    }

    private bool IsAdminToken(string authorization)
    {
        var expected = adminToken();
        const string Scheme = "Bearer ";
        return !string.IsNullOrEmpty(expected)
            && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }

    private async Task<AlarmCallerResult> FromSessionAsync(string name, string sig, CancellationToken cancellationToken)
    {
        await using var uic = await databases.Uic.OpenConnectionAsync(cancellationToken);
        long uid;
        int role;
        long expired;
        await using (var command = new MySqlCommand(
            "SELECT u.id, u.role, s.expired FROM session s JOIN user u ON u.id = s.uid WHERE s.sig = @sig AND u.name = @name ORDER BY s.expired DESC LIMIT 1",
            uic))
        {
            command.Parameters.AddWithValue("@sig", sig);
            command.Parameters.AddWithValue("@name", name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, $"no session {Mask(sig)} for user '{name}': log in again");
            }

            uid = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            role = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            expired = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
        }

        if (expired <= timeProvider.GetUtcNow().ToUnixTimeSeconds())
        {
            return AlarmCallerResult.Refused(StatusCodes.Status401Unauthorized, $"the session of user '{name}' expired at {DateTimeOffset.FromUnixTimeSeconds(expired):yyyy-MM-dd HH:mm:ss} UTC: log in again");
        }

        if (role < 0)
        {
            return AlarmCallerResult.Refused(StatusCodes.Status403Forbidden, $"user '{name}' is blocked");
        }

        if (role >= 1 && options.Value.UicAdminsSeeAll)
        {
            return AlarmCallerResult.Of(new AlarmCaller(name, true, []));
        }

        var teams = new List<string>();
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

    // Enough of the sig to tell sessions apart in a message, not enough to use it.
    private static string Mask(string sig) => sig.Length <= 4 ? "****" : sig[..4] + "****";
}
