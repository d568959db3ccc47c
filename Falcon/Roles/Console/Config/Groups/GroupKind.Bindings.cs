using System.Globalization;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

internal sealed partial class GroupKind
{
    /// <summary>Host ids by hostname (MySQL's case-insensitive match) for the names that have a host row.</summary>
    public static async Task<Dictionary<string, long>> HostIdsAsync(MySqlConnection connection, MySqlTransaction? transaction, IReadOnlyList<string> hostnames, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await SqlLists.ReadAsync(connection, transaction, "SELECT id, hostname FROM host WHERE hostname IN ({0})", hostnames,
            reader => ids[reader.GetString(1)] = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), cancellationToken);
        return ids;
    }

    private static async Task WriteTagsAsync(MySqlConnection connection, MySqlTransaction transaction, long id, string[] tags, CancellationToken cancellationToken)
    {
        var current = await RowsAsync(connection, transaction, "SELECT id, tag FROM falcon_grp_tag WHERE grp_id = @id", id, cancellationToken);

        // Deleting first lets a tag change only in case (the unique key ignores case).
        var wanted = new HashSet<string>(tags, StringComparer.Ordinal);
        var stale = current.Where(c => !wanted.Contains(c.Text)).Select(static c => c.Id).ToArray();
        await SqlLists.ExecuteAsync(connection, transaction, "DELETE FROM falcon_grp_tag WHERE id IN ({0})", stale, cancellationToken);
        var kept = new HashSet<string>(current.Where(c => wanted.Contains(c.Text)).Select(static c => c.Text), StringComparer.Ordinal);
        var added = tags.Where(t => !kept.Contains(t)).ToArray();
        await SqlLists.InsertRowsAsync(connection, transaction, "INSERT INTO falcon_grp_tag (grp_id, tag)", added, "(@id, {0})", cancellationToken, ("@id", id));
    }

    /// <summary>
    /// A plugin directory as the agent takes it: relative to its plugin root, so not absolute and without "..";
    /// at most plugin_dir.dir's 255 characters.
    /// </summary>
    private static string PluginDirectory(string? value)
    {
        var dir = (value ?? "").Trim();
        if (dir.Length == 0 || dir.Length > 255)
        {
            throw new ConfigValidationException("plugins", $"a plugin directory is 1 to 255 characters, got '{dir}'");
        }

        if (dir.StartsWith('/') || dir.Split('/').Any(static part => part == "..") || dir.Any(char.IsControl))
        {
            throw new ConfigValidationException("plugins", $"'{dir}' must be a directory under the agents' plugin root (relative, no '..', no control characters)");
        }

        return dir;
    }

    private static async Task WritePluginsAsync(MySqlConnection connection, MySqlTransaction transaction, long id, string[] plugins, string actor, CancellationToken cancellationToken)
    {
        var current = await RowsAsync(connection, transaction, "SELECT id, dir FROM plugin_dir WHERE grp_id = @id", id, cancellationToken);

        var wanted = new HashSet<string>(plugins, StringComparer.Ordinal);
        await SqlLists.ExecuteAsync(connection, transaction, "DELETE FROM plugin_dir WHERE id IN ({0})",
            current.Where(c => !wanted.Contains(c.Text)).Select(static c => c.Id).ToArray(), cancellationToken);
        var kept = new HashSet<string>(current.Select(static c => c.Text), StringComparer.Ordinal);
        await SqlLists.InsertRowsAsync(connection, transaction, "INSERT INTO plugin_dir (grp_id, dir, create_user)",
            plugins.Where(p => !kept.Contains(p)).ToArray(), "(@id, {0}, @user)", cancellationToken, ("@id", id), ("@user", actor.Length <= 64 ? actor : actor[..64]));
    }

    /// <summary>The group's rows of a (id, text) table such as falcon_grp_tag or plugin_dir; the SQL takes @id.</summary>
    private static async Task<List<(long Id, string Text)>> RowsAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, long id, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string Text)>();
        await using var select = new MySqlCommand(sql, connection, transaction);
        select.Parameters.AddWithValue("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task WriteHostsAsync(MySqlConnection connection, MySqlTransaction transaction, long id, string[] hosts, CancellationToken cancellationToken)
    {
        var ids = await HostIdsAsync(connection, transaction, hosts, cancellationToken);
        var missing = hosts.Where(h => !ids.ContainsKey(h)).ToArray();
        if (missing.Length > 0)
        {
            // IGNORE: an agent's first heartbeat may insert the same host through hbs at this moment.
            await SqlLists.InsertRowsAsync(connection, transaction, "INSERT IGNORE INTO host (hostname)", missing, "({0})", cancellationToken);
            foreach (var (name, hostId) in await HostIdsAsync(connection, transaction, missing, cancellationToken))
            {
                ids[name] = hostId;
            }
        }

        var wanted = new HashSet<long>(ids.Values);
        var current = await IdsAsync(connection, transaction, "SELECT DISTINCT host_id FROM grp_host WHERE grp_id = @id", id, cancellationToken);
        await SqlLists.ExecuteAsync(connection, transaction, "DELETE FROM grp_host WHERE grp_id = @id AND host_id IN ({0})",
            current.Where(h => !wanted.Contains(h)).ToArray(), cancellationToken, ("@id", id));
        await SqlLists.InsertRowsAsync(connection, transaction, "INSERT INTO grp_host (grp_id, host_id)",
            wanted.Where(h => !current.Contains(h)).Order().ToArray(), "(@id, {0})", cancellationToken, ("@id", id));
    }

    private async Task WriteTemplatesAsync(MySqlConnection connection, MySqlTransaction transaction, long id, string[] templates, string actor, CancellationToken cancellationToken)
    {
        var holds = await databases.Portal.HoldsFourByteAsync(TemplateTables, cancellationToken);
        var ids = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var comparable = templates.Where(t => holds || !ConfigText.HasFourByte(t)).ToArray();
        await SqlLists.ReadAsync(connection, transaction, "SELECT id, tpl_name FROM tpl WHERE tpl_name IN ({0})", comparable,
            reader => ids[reader.GetString(1)] = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), cancellationToken);
        var missing = templates.Where(t => !ids.ContainsKey(t)).ToArray();
        if (missing.Length > 0)
        {
            throw new ConfigValidationException("templates", $"no template named {string.Join(", ", missing.Select(static m => $"'{m}'"))}: create it first");
        }

        var wanted = new HashSet<long>(ids.Values);
        var current = await IdsAsync(connection, transaction, "SELECT DISTINCT tpl_id FROM grp_tpl WHERE grp_id = @id", id, cancellationToken);
        await SqlLists.ExecuteAsync(connection, transaction, "DELETE FROM grp_tpl WHERE grp_id = @id AND tpl_id IN ({0})",
            current.Where(t => !wanted.Contains(t)).ToArray(), cancellationToken, ("@id", id));
        await SqlLists.InsertRowsAsync(connection, transaction, "INSERT INTO grp_tpl (grp_id, tpl_id, bind_user)",
            wanted.Where(t => !current.Contains(t)).Order().ToArray(), "(@id, {0}, @user)", cancellationToken, ("@id", id), ("@user", actor.Length <= 64 ? actor : actor[..64]));
    }

    private static async Task<HashSet<long>> IdsAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, long id, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        await using var command = new MySqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return ids;
    }
}
