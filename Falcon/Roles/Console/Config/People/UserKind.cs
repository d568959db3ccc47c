using System.Text.Json;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// Users of uic as one configuration kind ("user"): their contact details and role. The password hash is never part
/// of the JSON; a user written here for the first time has none (it signs in through LDAP, or an admin sets one).
/// Deleting a user also removes their team memberships and sessions.
/// </summary>
internal sealed class UserKind(FalconDatabases databases) : IConfigKind
{
    public const string KindName = "user";
    private static readonly string[] Tables = ["user"];

    public string Kind => KindName;

    public FalconDatabaseKind Database => FalconDatabaseKind.Uic;

    public async Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken) =>
        await UicPeople.NamesAsync(connection, transaction, "user", cancellationToken);

    public async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken) =>
        await UicPeople.FindUserAsync(connection, transaction, name, cancellationToken) is { } found ? Serialize(found.User) : null;

    public static string Serialize(UserObject user) => JsonSerializer.Serialize(user, PeopleJsonContext.Readable.UserObject);

    public async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var adminsBefore = await UicPeople.AdminCountAsync(connection, transaction, cancellationToken);
        var existing = await UicPeople.FindUserAsync(connection, transaction, name, cancellationToken);
        if (json is null)
        {
            if (existing is { } gone)
            {
                await UicPeople.ExecuteAsync(connection, transaction, "DELETE FROM rel_team_user WHERE uid = @id", cancellationToken, ("@id", gone.Id));
                await UicPeople.ExecuteAsync(connection, transaction, "DELETE FROM session WHERE uid = @id", cancellationToken, ("@id", gone.Id));
                await UicPeople.ExecuteAsync(connection, transaction, "DELETE FROM `user` WHERE id = @id", cancellationToken, ("@id", gone.Id));
            }
        }
        else
        {
            var user = Parse(json);
            if (!string.Equals(user.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfigValidationException("name", $"a user is not renamed ('{name}' to '{user.Name}'): people sign in, and silences and alarms find them, by this name");
            }

            PeopleRules.User(user, await databases.Uic.HoldsFourByteAsync(Tables, cancellationToken));
            (string, object?)[] values =
            [
                ("@name", user.Name), ("@cnname", user.Cnname), ("@email", user.Email), ("@phone", user.Phone),
                ("@im", user.Im), ("@qq", user.Qq), ("@role", user.Role),
            ];
            if (existing is { } found)
            {
                await UicPeople.ExecuteAsync(connection, transaction,
                    "UPDATE `user` SET cnname = @cnname, email = @email, phone = @phone, im = @im, qq = @qq, role = @role WHERE id = @id",
                    cancellationToken, [.. values, ("@id", found.Id)]);
                if (user.Role < 0)
                {
                    await UicPeople.EndSessionsAsync(connection, transaction, found.Id, "", cancellationToken); // blocked: out at once
                }
            }
            else
            {
                var creator = await UicPeople.UserIdAsync(connection, transaction, actor, cancellationToken) ?? 0;
                await UicPeople.ExecuteAsync(connection, transaction,
                    "INSERT INTO `user` (name, passwd, cnname, email, phone, im, qq, role, creator) VALUES (@name, '', @cnname, @email, @phone, @im, @qq, @role, @creator)",
                    cancellationToken, [.. values, ("@creator", creator)]);
            }
        }

        // Nobody could administer users any more (the admin token still could, but it is meant for automation).
        if (adminsBefore > 0 && await UicPeople.AdminCountAsync(connection, transaction, cancellationToken) == 0)
        {
            throw new ConfigValidationException("role", $"'{name}' is the last admin: make another user admin or root first");
        }
    }

    public static UserObject Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, PeopleJsonContext.Default.UserObject)
                ?? throw new ConfigValidationException("name", "a user is a JSON object, not null");
        }
        catch (JsonException e)
        {
            throw new ConfigValidationException(e.Path?.TrimStart('$', '.') ?? "name", $"not user JSON: {e.Message}");
        }
    }
}
