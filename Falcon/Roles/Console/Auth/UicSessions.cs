using System.Globalization;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// Users and sessions in open-falcon's uic database. A sign-in writes a uic.session row (sig, uid, expired in unix
/// seconds) exactly as open-falcon's api did, so the alarm role's Apitoken check recognises the person.
/// </summary>
internal sealed class UicSessions(FalconDatabases databases, TimeProvider timeProvider)
{
    /// <summary>The user's id, role and stored password hash, or null when there is no such user.</summary>
    public async Task<(long Id, string Name, int Role, string Passwd)?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT id, name, role, passwd FROM user WHERE name = @name LIMIT 1", connection);
        command.Parameters.AddWithValue("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1),
            Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), reader.IsDBNull(3) ? "" : reader.GetString(3));
    }

    /// <summary>Writes a new session for <paramref name="userId"/> and removes that user's expired ones.</summary>
    public async Task<(string Sig, DateTimeOffset Expires)> CreateAsync(long userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var expires = now + lifetime;
        var sig = Guid.NewGuid().ToString("N"); // 32 hex digits, the shape of open-falcon's sigs
        await using var connection = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using (var clean = new MySqlCommand("DELETE FROM session WHERE uid = @uid AND expired <= @now", connection))
        {
            clean.Parameters.AddWithValue("@uid", userId);
            clean.Parameters.AddWithValue("@now", now.ToUnixTimeSeconds());
            await clean.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new MySqlCommand("INSERT INTO session (uid, sig, expired) VALUES (@uid, @sig, @expired)", connection);
        insert.Parameters.AddWithValue("@uid", userId);
        insert.Parameters.AddWithValue("@sig", sig);
        insert.Parameters.AddWithValue("@expired", expires.ToUnixTimeSeconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return (sig, expires);
    }

    /// <summary>The signed-in user of an unexpired session, or null.</summary>
    public async Task<ConsoleCaller?> FindAsync(string sig, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            "SELECT u.id, u.name, u.role, s.expired FROM session s JOIN user u ON u.id = s.uid WHERE s.sig = @sig AND s.expired > @now LIMIT 1",
            connection);
        command.Parameters.AddWithValue("@sig", sig);
        command.Parameters.AddWithValue("@now", timeProvider.GetUtcNow().ToUnixTimeSeconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var role = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
        if (role < 0)
        {
            return null; // blocked since signing in
        }

        return new ConsoleCaller(
            Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
            reader.GetString(1),
            role >= 1,
            sig,
            DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
    }

    public async Task DeleteAsync(string sig, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand("DELETE FROM session WHERE sig = @sig", connection);
        command.Parameters.AddWithValue("@sig", sig);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The names of the members of every team <paramref name="userId"/> is in (themselves included).</summary>
    public async Task<IReadOnlyList<string>> TeammatesAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Uic.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(
            """
            SELECT DISTINCT u.name FROM rel_team_user mine
            JOIN rel_team_user other ON other.tid = mine.tid
            JOIN user u ON u.id = other.uid
            WHERE mine.uid = @uid ORDER BY u.name
            """,
            connection);
        command.Parameters.AddWithValue("@uid", userId);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
