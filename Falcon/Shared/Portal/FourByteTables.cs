using System.Collections.Concurrent;
using System.Globalization;
using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>
/// Whether the text columns of a table hold 4-byte characters (utf8mb4), so writers keep an emoji where the column
/// can hold it and replace it (<see cref="ColumnText"/>) where it cannot. open-falcon's tables are utf8 until the
/// operator runs <c>falcon db migrate --utf8mb4</c>; the answer is looked up in information_schema and kept for a
/// minute, so a running process follows that conversion without a restart.
/// </summary>
internal sealed class FourByteTables
{
    private static readonly long KeepFor = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    private readonly ConcurrentDictionary<string, (bool Holds, long At)> _known = new(StringComparer.Ordinal);

    /// <summary>True when every text column of each of <paramref name="tables"/> (in the connection's database) is utf8mb4.</summary>
    public async ValueTask<bool> HoldAsync(MySqlConnection connection, string[] tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var key = string.Join(',', tables);
        var now = Environment.TickCount64;
        if (_known.TryGetValue(key, out var known) && now - known.At < KeepFor)
        {
            return known.Holds;
        }

        bool holds;
        try
        {
            holds = await LookUpAsync(connection, tables, cancellationToken);
        }
        catch (MySqlException)
        {
            // Replacing is always safe; the statement that follows reports a real outage on its own.
            return false;
        }

        _known[key] = (holds, now);
        return holds;
    }

    private static async Task<bool> LookUpAsync(MySqlConnection connection, string[] tables, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var names = new string[tables.Length];
        for (var i = 0; i < tables.Length; i++)
        {
            names[i] = "@t" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], tables[i]);
        }

        // A table that is missing counts as not holding them, like one with a utf8 column.
        command.CommandText = $"""
            SELECT COUNT(DISTINCT TABLE_NAME), COALESCE(SUM(CHARACTER_SET_NAME IS NOT NULL AND CHARACTER_SET_NAME <> 'utf8mb4'), 0)
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ({string.Join(',', names)})
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return false;
        }

        return Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) == tables.Length
            && Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) == 0;
    }
}
