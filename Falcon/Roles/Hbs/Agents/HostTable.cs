using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Hbs.Agents;

/// <summary>
/// Writes agents into falcon_portal.host without INSERT ... ON DUPLICATE KEY UPDATE (MySQL bug #58637): rows that
/// exist and match are skipped, changed rows are updated, new rows are inserted, and an insert that loses a race
/// with another hbs (error 1062, and only that) becomes an update.
/// </summary>
internal sealed class HostTable(FalconDatabases databases)
{
    // Column widths of open-falcon's host table; a longer value would fail the whole statement in strict mode.
    private const int HostnameWidth = 255;
    private const int IpWidth = 16;
    private const int AgentVersionWidth = 16;
    private const int PluginVersionWidth = 128;

    private static readonly string[] HostTables = ["host"];

    private const string UpdateSql =
        "UPDATE host SET ip = @ip, agent_version = @agent_version, plugin_version = @plugin_version WHERE hostname = @hostname";

    private const string InsertSql =
        "INSERT INTO host (hostname, ip, agent_version, plugin_version) VALUES (@hostname, @ip, @agent_version, @plugin_version)";

    /// <summary>Writes one batch; returns how many rows were inserted and updated.</summary>
    public async Task<(int Inserted, int Updated)> WriteAsync(IReadOnlyList<AgentRecord> agents, CancellationToken cancellationToken)
    {
        if (agents.Count == 0)
        {
            return (0, 0);
        }

        await using var connection = await databases.Portal.OpenConnectionAsync(cancellationToken);
        var fourByte = await databases.Portal.FourByteTables.HoldAsync(connection, HostTables, cancellationToken);
        var rows = agents
            .Select(a => Fit(a, fourByte))
            .GroupBy(r => r.Hostname, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last())
            .ToArray();
        var existing = await ReadExistingAsync(connection, rows, cancellationToken);

        var updates = new List<AgentRecord>();
        var inserts = new List<AgentRecord>();
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Hostname, out var stored))
            {
                if (stored.DiffersInHostRow(row))
                {
                    updates.Add(row);
                }
            }
            else
            {
                inserts.Add(row);
            }
        }

        var updated = await UpdateAsync(connection, updates, cancellationToken);
        var (inserted, raced) = await InsertAsync(connection, inserts, cancellationToken);
        return (inserted, updated + raced);
    }

    private static async Task<Dictionary<string, AgentRecord>> ReadExistingAsync(
        MySqlConnection connection, AgentRecord[] rows, CancellationToken cancellationToken)
    {
        // The hostname column is utf8_unicode_ci, so MySQL matches names case-insensitively; so must the lookup.
        var existing = new Dictionary<string, AgentRecord>(StringComparer.OrdinalIgnoreCase);
        await using var command = connection.CreateCommand();
        var names = new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            names[i] = "@h" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], rows[i].Hostname);
        }

        command.CommandText = $"SELECT hostname, ip, agent_version, plugin_version FROM host WHERE hostname IN ({string.Join(',', names)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hostname = reader.GetString(0);
            existing[hostname] = new AgentRecord(hostname, reader.GetString(1), reader.GetString(2), reader.GetString(3), false, default);
        }

        return existing;
    }

    private static async Task<int> UpdateAsync(MySqlConnection connection, List<AgentRecord> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        // One round trip for the whole batch of updates.
        await using var batch = new MySqlBatch(connection);
        foreach (var row in rows)
        {
            batch.BatchCommands.Add(Command(UpdateSql, row));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return rows.Count;
    }

    private static async Task<(int Inserted, int Raced)> InsertAsync(MySqlConnection connection, List<AgentRecord> rows, CancellationToken cancellationToken)
    {
        var inserted = 0;
        var raced = 0;
        foreach (var row in rows)
        {
            try
            {
                await using var insert = new MySqlCommand(InsertSql, connection);
                AddParameters(insert.Parameters, row);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                inserted++;
            }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
            {
                // Another hbs inserted it between our SELECT and INSERT: the row exists, so bring it up to date.
                await using var update = new MySqlCommand(UpdateSql, connection);
                AddParameters(update.Parameters, row);
                await update.ExecuteNonQueryAsync(cancellationToken);
                raced++;
            }
        }

        return (inserted, raced);
    }

    private static MySqlBatchCommand Command(string sql, AgentRecord row)
    {
        var command = new MySqlBatchCommand(sql);
        AddParameters(command.Parameters, row);
        return command;
    }

    private static void AddParameters(MySqlParameterCollection parameters, AgentRecord row)
    {
        parameters.AddWithValue("@hostname", row.Hostname);
        parameters.AddWithValue("@ip", row.IP);
        parameters.AddWithValue("@agent_version", row.AgentVersion);
        parameters.AddWithValue("@plugin_version", row.PluginVersion);
    }

    // In a utf8 host table 4-byte characters (an emoji hostname) become U+FFFD: the column refuses them, and compared
    // with it in the lookup they fail the whole batch with an illegal mix of collations. After
    // `falcon db migrate --utf8mb4` they are kept.
    private static AgentRecord Fit(AgentRecord row, bool fourByte) => row with
    {
        Hostname = ColumnText.Fit(row.Hostname, HostnameWidth, fourByte),
        IP = ColumnText.Fit(row.IP, IpWidth, fourByte),
        AgentVersion = ColumnText.Fit(row.AgentVersion, AgentVersionWidth, fourByte),
        PluginVersion = ColumnText.Fit(row.PluginVersion, PluginVersionWidth, fourByte),
    };
}
