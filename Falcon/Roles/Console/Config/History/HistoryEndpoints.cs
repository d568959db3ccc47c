using System.Globalization;
using System.Text.Json;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Console.Config.Groups;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.History;

/// <summary>
/// `GET /api/history` (the audit of both databases, newest first) and `POST /api/history/{database}/{id}/restore`,
/// which writes that row's value back through the kind's own <see cref="IConfigKind.WriteAsync"/> (the old value of
/// a row that deleted the object), audited as "restore". Restoring needs what editing needs: an admin, or the
/// creator of the object as it is now and as it will be; users only an admin.
/// </summary>
internal sealed class HistoryEndpoints(FalconDatabases databases, ConfigSaver saver, IEnumerable<IConfigKind> kinds)
{
    private static readonly (string Name, FalconDatabaseKind Kind)[] Databases = [("portal", FalconDatabaseKind.Portal), ("uic", FalconDatabaseKind.Uic)];

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var limit = JsonBody.Limit(context, out var refusal, fallback: 100, max: 1000);
        if (refusal is not null)
        {
            return refusal;
        }

        var query = context.Request.Query;
        var filters = new List<string>();
        var parameters = new List<(string, object)> { ("@limit", limit!.Value) };
        foreach (var (name, column) in (ReadOnlySpan<(string, string)>)[("kind", "kind"), ("object", "object"), ("actor", "actor")])
        {
            var value = query[name].ToString();
            if (value.Length > 0)
            {
                filters.Add($"{column} = @{name}");
                parameters.Add(("@" + name, value));
            }
        }

        var sql = "SELECT id, at, actor, action, kind, object, old_value, new_value, summary FROM falcon_audit" +
                  (filters.Count > 0 ? " WHERE " + string.Join(" AND ", filters) : "") + " ORDER BY id DESC LIMIT @limit";
        var rows = new List<HistoryRow>();
        foreach (var (name, kind) in Databases)
        {
            rows.AddRange(await ReadAsync(databases.Get(kind), name, sql, parameters, context.RequestAborted));
        }

        var merged = rows.OrderByDescending(static r => r.At).ThenByDescending(static r => r.Id).Take(limit.Value).ToList();
        return Results.Json(merged, HistoryJsonContext.Default.ListHistoryRow);
    }

    public async Task<IResult> RestoreAsync(HttpContext context, ConsoleCaller caller)
    {
        var databaseName = JsonBody.Route(context, "database");
        var database = Databases.FirstOrDefault(d => d.Name == databaseName);
        if (database.Name is null)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no audit database '{databaseName}': portal or uic");
        }

        if (!long.TryParse(JsonBody.Route(context, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, "an audit row id is a number");
        }

        var rows = await ReadAsync(databases.Get(database.Kind), database.Name,
            "SELECT id, at, actor, action, kind, object, old_value, new_value, summary FROM falcon_audit WHERE id = @id", [("@id", id)], context.RequestAborted);
        if (rows.Count == 0)
        {
            return ConsoleResults.Message(StatusCodes.Status404NotFound, $"no audit row {id} in {database.Name}");
        }

        var row = rows[0];
        var kind = kinds.FirstOrDefault(k => k.Kind == row.Kind && k.Database == database.Kind);
        if (kind is null)
        {
            return ConsoleResults.Message(StatusCodes.Status400BadRequest, $"a change of kind '{row.Kind}' ({row.Action}) cannot be restored: it is a record, not a configuration object");
        }

        // A row that deleted the object restores what it deleted.
        var value = row.New ?? row.Old;
        var json = value?.GetRawText();
        return await Refusals.RunAsync(async () =>
        {
            var (saved, _) = await saver.SaveAsync(kind, row.Object, "restore", caller, async (connection, transaction) =>
            {
                DemandMayEdit(caller, kind, await kind.ReadAsync(connection, transaction, row.Object, context.RequestAborted), json);
                await kind.WriteAsync(connection, transaction, row.Object, json, caller.Name, context.RequestAborted);
            }, context.RequestAborted, summary: $"restored {database.Name} audit row {id} of {row.At:yyyy-MM-dd HH:mm:ss} UTC");
            return JsonBody.Json(saved ?? "null");
        });
    }

    private static void DemandMayEdit(ConsoleCaller caller, IConfigKind kind, string? current, string? restored)
    {
        if (caller.IsAdmin)
        {
            return;
        }

        if (kind.Kind == "user")
        {
            throw ConsoleRefusal.Forbidden("only an admin may restore a user");
        }

        foreach (var text in (ReadOnlySpan<string?>)[current, restored])
        {
            if (text is not null && CreatorOf(text) is { Length: > 0 } creator)
            {
                Refusals.DemandOwner(caller, creator, $"this {kind.Kind}");
            }
        }
    }

    private static string? CreatorOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("creator", out var creator) && creator.ValueKind == JsonValueKind.String
            ? creator.GetString()
            : null;
    }

    private static async Task<List<HistoryRow>> ReadAsync(FalconDatabase database, string name, string sql, IReadOnlyList<(string, object)> parameters, CancellationToken cancellationToken)
    {
        var rows = new List<HistoryRow>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (parameter, value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new HistoryRow
            {
                Id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                Database = name,
                At = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)),
                Actor = reader.GetString(2),
                Action = reader.GetString(3),
                Kind = reader.GetString(4),
                Object = reader.GetString(5),
                Old = Json(reader, 6),
                New = Json(reader, 7),
                Summary = reader.GetString(8),
            });
        }

        return rows;
    }

    // Values are the kinds' own JSON; anything else (written by hand) is shown as a string rather than failing the page.
    private static JsonElement? Json(MySqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var text = reader.GetString(ordinal);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text, HistoryJsonContext.Default.String);
        }
    }
}
