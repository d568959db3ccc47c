using System.Globalization;
using System.Text.Json;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// Teams of uic as one configuration kind ("team"): the resume, the creator by name and the members by name. Writing
/// makes rel_team_user hold exactly one row per member (the table has no unique key, and duplicates left by other
/// tools are removed), keeping the rows that were already right.
/// </summary>
internal sealed class TeamKind(FalconDatabases databases) : IConfigKind
{
    public const string KindName = "team";
    private static readonly string[] Tables = ["team"];

    public string Kind => KindName;

    public FalconDatabaseKind Database => FalconDatabaseKind.Uic;

    public async Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken) =>
        await UicPeople.NamesAsync(connection, transaction, "team", cancellationToken);

    public async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken) =>
        await FindAsync(connection, transaction, name, cancellationToken) is { } found ? Serialize(found.Team) : null;

    public static string Serialize(TeamObject team) => JsonSerializer.Serialize(team, PeopleJsonContext.Readable.TeamObject);

    /// <summary>The team and its id, or null.</summary>
    public static async Task<(long Id, TeamObject Team)?> FindAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        long id;
        var team = new TeamObject();
        await using (var command = new MySqlCommand(
            "SELECT t.id, t.name, t.resume, COALESCE(u.name, '') FROM team t LEFT JOIN `user` u ON u.id = t.creator WHERE t.name = @name LIMIT 1", connection, transaction))
        {
            command.Parameters.AddWithValue("@name", name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            team.Name = reader.GetString(1);
            team.Resume = reader.IsDBNull(2) ? "" : reader.GetString(2);
            team.Creator = reader.GetString(3);
        }

        await using (var command = new MySqlCommand("SELECT DISTINCT u.name FROM rel_team_user r JOIN `user` u ON u.id = r.uid WHERE r.tid = @tid", connection, transaction))
        {
            command.Parameters.AddWithValue("@tid", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                team.Members.Add(reader.GetString(0));
            }
        }

        team.Members.Sort(StringComparer.Ordinal);
        return (id, team);
    }

    public async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var existing = await FindAsync(connection, transaction, name, cancellationToken);
        if (json is null)
        {
            if (existing is { } gone)
            {
                await UicPeople.ExecuteAsync(connection, transaction, "DELETE FROM rel_team_user WHERE tid = @id", cancellationToken, ("@id", gone.Id));
                await UicPeople.ExecuteAsync(connection, transaction, "DELETE FROM team WHERE id = @id", cancellationToken, ("@id", gone.Id));
            }

            return;
        }

        var team = Parse(json);
        if (!string.Equals(team.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigValidationException("name", $"a team is not renamed ('{name}' to '{team.Name}'): actions name the teams they notify; create the new team and move the members");
        }

        PeopleRules.Team(team, await databases.Uic.HoldsFourByteAsync(Tables, cancellationToken));
        long creator = 0;
        if (team.Creator.Length > 0)
        {
            creator = await UicPeople.UserIdAsync(connection, transaction, team.Creator, cancellationToken)
                ?? throw new ConfigValidationException("creator", $"no user '{team.Creator}'");
        }

        var members = new HashSet<long>();
        foreach (var member in team.Members)
        {
            members.Add(await UicPeople.UserIdAsync(connection, transaction, member, cancellationToken)
                ?? throw new ConfigValidationException("members", $"no user '{member}'"));
        }

        long tid;
        if (existing is { } found)
        {
            tid = found.Id;
            await UicPeople.ExecuteAsync(connection, transaction, "UPDATE team SET resume = @resume, creator = @creator WHERE id = @id",
                cancellationToken, ("@resume", team.Resume), ("@creator", creator), ("@id", tid));
        }
        else
        {
            await using var insert = new MySqlCommand("INSERT INTO team (name, resume, creator) VALUES (@name, @resume, @creator)", connection, transaction);
            insert.Parameters.AddWithValue("@name", team.Name);
            insert.Parameters.AddWithValue("@resume", team.Resume);
            insert.Parameters.AddWithValue("@creator", creator);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            tid = insert.LastInsertedId;
        }

        await SyncMembersAsync(connection, transaction, tid, members, cancellationToken);
    }

    // Keeps one row per wanted member, deletes the rest (duplicates included), inserts the missing.
    private static async Task SyncMembersAsync(MySqlConnection connection, MySqlTransaction transaction, long tid, HashSet<long> wanted, CancellationToken cancellationToken)
    {
        var keep = new HashSet<long>();
        var drop = new List<long>();
        await using (var command = new MySqlCommand("SELECT id, uid FROM rel_team_user WHERE tid = @tid ORDER BY id FOR UPDATE", connection, transaction))
        {
            command.Parameters.AddWithValue("@tid", tid);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var uid = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                if (!wanted.Contains(uid) || !keep.Add(uid))
                {
                    drop.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
                }
            }
        }

        foreach (var id in drop)
        {
            await UicPeople.ExecuteAsync(connection, transaction, "DELETE FROM rel_team_user WHERE id = @id", cancellationToken, ("@id", id));
        }

        foreach (var uid in wanted.Where(u => !keep.Contains(u)).Order())
        {
            await UicPeople.ExecuteAsync(connection, transaction, "INSERT INTO rel_team_user (tid, uid) VALUES (@tid, @uid)", cancellationToken, ("@tid", tid), ("@uid", uid));
        }
    }

    public static TeamObject Parse(string json)
    {
        try
        {
            var team = JsonSerializer.Deserialize(json, PeopleJsonContext.Default.TeamObject)
                ?? throw new ConfigValidationException("name", "a team is a JSON object, not null");
            return team;
        }
        catch (JsonException e)
        {
            throw new ConfigValidationException(e.Path?.TrimStart('$', '.') ?? "name", $"not team JSON: {e.Message}");
        }
    }
}
