using System.Globalization;
using System.Text.Json;
using Falcon.Shared.Portal;
using Falcon.Roles.Console.Config.Rules;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// A host group (falcon_portal grp, grp_host, grp_tpl and the Falcon table falcon_grp_tag) as one object. Writing
/// creates host rows for named hosts that do not exist yet (as open-falcon's api did, so a group can be prepared
/// before its agents report) but refuses templates that do not exist. Groups the console creates get come_from 1.
/// </summary>
internal sealed partial class GroupKind(FalconDatabases databases) : IConfigKind
{
    private static readonly string[] GroupTables = ["grp"];
    private static readonly string[] HostTables = ["host"];
    private static readonly string[] TemplateTables = ["tpl"];
    private static readonly string[] PluginTables = ["plugin_dir"];

    public string Kind => "group";

    public FalconDatabaseKind Database => FalconDatabaseKind.Portal;

    public async Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken) =>
        await RulesSql.TextsAsync(connection, transaction, "SELECT grp_name FROM grp ORDER BY grp_name", cancellationToken);

    public async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var document = await ReadDocumentAsync(connection, transaction, name, cancellationToken);
        return document is null ? null : JsonSerializer.Serialize(document, GroupsJsonContext.Default.GroupDocument);
    }

    /// <summary>The group as an object, or null when there is none by that name.</summary>
    public async Task<GroupDocument?> ReadDocumentAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        var row = await FindAsync(connection, transaction, name, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var id = row.Value.Id;
        var plugins = await StringsAsync(connection, transaction, "SELECT DISTINCT dir FROM plugin_dir WHERE grp_id = @id", id, cancellationToken);
        return new GroupDocument
        {
            Plugins = plugins.Count > 0 ? plugins : null,
            Name = row.Value.Name,
            Creator = row.Value.Creator,
            Tags = await StringsAsync(connection, transaction, "SELECT tag FROM falcon_grp_tag WHERE grp_id = @id", id, cancellationToken),
            Hosts = await StringsAsync(connection, transaction, "SELECT DISTINCT h.hostname FROM grp_host gh JOIN host h ON h.id = gh.host_id WHERE gh.grp_id = @id", id, cancellationToken),
            Templates = await StringsAsync(connection, transaction, "SELECT DISTINCT t.tpl_name FROM grp_tpl gt JOIN tpl t ON t.id = gt.tpl_id WHERE gt.grp_id = @id", id, cancellationToken),
        };
    }

    public async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(connection, transaction, name, cancellationToken);
        if (json is null)
        {
            if (existing is not null)
            {
                await DeleteAsync(connection, transaction, existing.Value.Id, cancellationToken);
            }

            return;
        }

        GroupDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, GroupsJsonContext.Default.GroupDocument);
        }
        catch (JsonException e)
        {
            throw new ConfigValidationException("name", "not a group's JSON {\"name\",\"creator\",\"tags\",\"hosts\",\"templates\",\"plugins\"}: " + e.Message);
        }

        if (document is null)
        {
            throw new ConfigValidationException("name", "the group's JSON is null");
        }

        // The source-generated reader sets an init-only property the JSON leaves out to null, not to its initialiser:
        // a group written without "tags" (a hand-written `falcon portal import` file) has none.
        document = new GroupDocument
        {
            Name = document.Name ?? "",
            Creator = document.Creator ?? "",
            Tags = document.Tags ?? [],
            Hosts = document.Hosts ?? [],
            Templates = document.Templates ?? [],
            Plugins = document.Plugins,
        };
        await WriteDocumentAsync(connection, transaction, existing, document, actor, cancellationToken);
    }

    /// <summary>Makes the group <paramref name="existing"/> (null: a new one) equal <paramref name="document"/>.</summary>
    public async Task WriteDocumentAsync(MySqlConnection connection, MySqlTransaction transaction, (long Id, string Name, string Creator)? existing,
        GroupDocument document, string actor, CancellationToken cancellationToken)
    {
        var name = ConfigText.Name("name", document.Name, "the group name");
        ConfigText.FitsColumn("name", name, await databases.Portal.HoldsFourByteAsync(GroupTables, cancellationToken), "the group name");
        var tags = Distinct(document.Tags.Select(ConfigText.Tag), StringComparer.OrdinalIgnoreCase); // the unique key ignores case
        var hosts = Distinct(document.Hosts.Select(h => ConfigText.Name("hosts", h, "a hostname")), StringComparer.OrdinalIgnoreCase);
        var hostsFourByte = await databases.Portal.HoldsFourByteAsync(HostTables, cancellationToken);
        foreach (var host in hosts)
        {
            ConfigText.FitsColumn("hosts", host, hostsFourByte, "the hostname");
        }

        var templates = Distinct(document.Templates.Select(t => ConfigText.Name("templates", t, "a template name")), StringComparer.OrdinalIgnoreCase);
        var plugins = document.Plugins is null ? null : Distinct(document.Plugins.Select(PluginDirectory), StringComparer.Ordinal);
        if (plugins is not null)
        {
            var pluginsFourByte = await databases.Portal.HoldsFourByteAsync(PluginTables, cancellationToken);
            foreach (var plugin in plugins)
            {
                ConfigText.FitsColumn("plugins", plugin, pluginsFourByte, "the plugin directory");
            }
        }

        var creator = ConfigText.Name("creator", string.IsNullOrEmpty(document.Creator) ? actor : document.Creator, "the creator", 64);

        var other = await FindAsync(connection, transaction, name, cancellationToken);
        if (other is not null && other.Value.Id != existing?.Id)
        {
            throw new ConfigValidationException("name", $"a group named '{other.Value.Name}' exists already");
        }

        long id;
        if (existing is null)
        {
            await using var insert = new MySqlCommand("INSERT INTO grp (grp_name, create_user, come_from) VALUES (@name, @creator, 1)", connection, transaction);
            insert.Parameters.AddWithValue("@name", name);
            insert.Parameters.AddWithValue("@creator", creator);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            id = insert.LastInsertedId;
        }
        else
        {
            id = existing.Value.Id;
            await using var update = new MySqlCommand("UPDATE grp SET grp_name = @name, create_user = @creator WHERE id = @id", connection, transaction);
            update.Parameters.AddWithValue("@name", name);
            update.Parameters.AddWithValue("@creator", creator);
            update.Parameters.AddWithValue("@id", id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await WriteTagsAsync(connection, transaction, id, tags, cancellationToken);
        await WriteHostsAsync(connection, transaction, id, hosts, cancellationToken);
        await WriteTemplatesAsync(connection, transaction, id, templates, actor, cancellationToken);
        if (plugins is not null)
        {
            await WritePluginsAsync(connection, transaction, id, plugins, actor, cancellationToken);
        }
    }

    /// <summary>The group row by name (MySQL's collation: case and trailing spaces do not count), or null.</summary>
    public async Task<(long Id, string Name, string Creator)?> FindAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        // A 4-byte character compared with a 3-byte utf8 column is an error, not a miss; no such group can exist.
        if (ConfigText.HasFourByte(name) && !await databases.Portal.HoldsFourByteAsync(GroupTables, cancellationToken))
        {
            return null;
        }

        await using var command = new MySqlCommand("SELECT id, grp_name, create_user FROM grp WHERE grp_name = @name ORDER BY id LIMIT 1", connection, transaction);
        command.Parameters.AddWithValue("@name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2))
            : null;
    }

    private static async Task DeleteAsync(MySqlConnection connection, MySqlTransaction transaction, long id, CancellationToken cancellationToken)
    {
        // plugin_dir rows of the group go too: they would otherwise point at a group id that no longer exists.
        foreach (var sql in (string[])["DELETE FROM grp_host WHERE grp_id = @id", "DELETE FROM grp_tpl WHERE grp_id = @id",
                     "DELETE FROM falcon_grp_tag WHERE grp_id = @id", "DELETE FROM plugin_dir WHERE grp_id = @id", "DELETE FROM grp WHERE id = @id"])
        {
            await using var command = new MySqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("@id", id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string[] Distinct(IEnumerable<string> values, StringComparer comparer)
    {
        var distinct = new List<string>();
        var seen = new HashSet<string>(comparer);
        foreach (var value in values)
        {
            if (seen.Add(value))
            {
                distinct.Add(value);
            }
        }

        return [.. distinct];
    }

    private static async Task<IReadOnlyList<string>> StringsAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, long id, CancellationToken cancellationToken)
    {
        var values = await RulesSql.TextsAsync(connection, transaction, sql, cancellationToken, ("@id", id));
        values.Sort(StringComparer.Ordinal);
        return values;
    }
}
