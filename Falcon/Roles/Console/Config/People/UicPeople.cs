using System.Globalization;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.People;

/// <summary>Small reads and writes of uic's user, team, rel_team_user and session tables, inside a caller's transaction.</summary>
internal static class UicPeople
{
    public const string UserColumns = "id, name, cnname, email, phone, im, qq, role, passwd";

    /// <summary>The user named <paramref name="name"/> (uic's collation: case-insensitive), or null.</summary>
    public static async Task<(long Id, UserObject User, string Passwd)?> FindUserAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SELECT {UserColumns} FROM `user` WHERE name = @name LIMIT 1", connection, transaction);
        command.Parameters.AddWithValue("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadUser(reader) : null;
    }

    public static (long Id, UserObject User, string Passwd) ReadUser(MySqlDataReader reader)
    {
        string Text(int i) => reader.IsDBNull(i) ? "" : reader.GetString(i);
        var user = new UserObject
        {
            Name = reader.GetString(1),
            Cnname = Text(2),
            Email = Text(3),
            Phone = Text(4),
            Im = Text(5),
            Qq = Text(6),
            Role = Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture),
        };
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), user, Text(8));
    }

    public static async Task<long?> UserIdAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT id FROM `user` WHERE name = @name LIMIT 1", connection, transaction);
        command.Parameters.AddWithValue("@name", name);
        var id = await command.ExecuteScalarAsync(cancellationToken);
        return id is null or DBNull ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    /// <summary>How many users may administer (role admin or root).</summary>
    public static async Task<long> AdminCountAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM `user` WHERE role >= 1", connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public static async Task SetPasswordAsync(MySqlConnection connection, MySqlTransaction? transaction, long userId, string passwd, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("UPDATE `user` SET passwd = @passwd WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("@passwd", passwd);
        command.Parameters.AddWithValue("@id", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the user's sessions but <paramref name="keepSig"/> (the caller's own, after changing their password).</summary>
    public static async Task EndSessionsAsync(MySqlConnection connection, MySqlTransaction? transaction, long userId, string keepSig, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("DELETE FROM session WHERE uid = @uid AND sig <> @keep", connection, transaction);
        command.Parameters.AddWithValue("@uid", userId);
        command.Parameters.AddWithValue("@keep", keepSig);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every user id with the names of the teams they are in, sorted.</summary>
    public static async Task<Dictionary<long, List<string>>> TeamsByUserAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT DISTINCT r.uid, t.name FROM rel_team_user r JOIN team t ON t.id = r.tid", connection);
        var teams = new Dictionary<long, List<string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var uid = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            if (!teams.TryGetValue(uid, out var names))
            {
                teams[uid] = names = [];
            }

            names.Add(reader.GetString(1));
        }

        foreach (var names in teams.Values)
        {
            names.Sort(StringComparer.Ordinal);
        }

        return teams;
    }

    public static async Task<List<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        // table is one of two constants of this class's callers, never input.
        await using var command = new MySqlCommand($"SELECT name FROM `{table}`", connection, transaction);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public static async Task<int> ExecuteAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
