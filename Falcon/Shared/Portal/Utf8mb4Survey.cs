using System.Globalization;
using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>
/// Reads from information_schema which tables of a database are not utf8mb4 yet and what their conversion needs:
/// the collation of the same flavour (utf8_unicode_ci becomes utf8mb4_unicode_ci), whether the row format must become
/// DYNAMIC for the wider index columns, and whether an index would pass InnoDB's 3,072-byte limit at 4 bytes a character.
/// </summary>
internal static class Utf8mb4Survey
{
    /// <summary>InnoDB's limit for an index column in the COMPACT and REDUNDANT row formats.</summary>
    public const int CompactColumnLimit = 767;

    /// <summary>InnoDB's limit for one index (and an index column) in the DYNAMIC and COMPRESSED row formats.</summary>
    public const int IndexLimit = 3072;

    private const string Fallback = "utf8mb4_unicode_ci";

    // A table needs converting when its default or any of its text columns is not utf8mb4.
    private const string TablesSql = """
        SELECT t.TABLE_NAME, COALESCE(t.TABLE_COLLATION, ''), COALESCE(t.ROW_FORMAT, ''), COALESCE(t.ENGINE, ''),
               COALESCE(t.TABLE_ROWS, 0), COALESCE(t.DATA_LENGTH, 0) + COALESCE(t.INDEX_LENGTH, 0)
        FROM information_schema.TABLES t
        WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'
          AND (COALESCE(t.TABLE_COLLATION, '') NOT LIKE 'utf8mb4%'
               OR EXISTS (SELECT 1 FROM information_schema.COLUMNS c
                          WHERE c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
                            AND c.CHARACTER_SET_NAME IS NOT NULL AND c.CHARACTER_SET_NAME <> 'utf8mb4'))
        ORDER BY t.TABLE_NAME
        """;

    // Bytes of each B-tree index once its text columns take 4 bytes a character (other columns counted as 8).
    private const string IndexesSql = """
        SELECT s.TABLE_NAME, s.INDEX_NAME,
               SUM(CASE WHEN c.CHARACTER_SET_NAME IS NULL THEN 8 ELSE COALESCE(s.SUB_PART, c.CHARACTER_MAXIMUM_LENGTH) * 4 END),
               MAX(CASE WHEN c.CHARACTER_SET_NAME IS NULL THEN 0 ELSE COALESCE(s.SUB_PART, c.CHARACTER_MAXIMUM_LENGTH) * 4 END)
        FROM information_schema.STATISTICS s
        JOIN information_schema.COLUMNS c
          ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME
        WHERE s.TABLE_SCHEMA = DATABASE() AND s.INDEX_TYPE = 'BTREE'
        GROUP BY s.TABLE_NAME, s.INDEX_NAME
        """;

    /// <summary>The tables of the connection's database that are not utf8mb4, and the database default if it is not.</summary>
    public static async Task<(List<TableConversion> Tables, DatabaseDefaultConversion? Default)> SurveyAsync(
        string database, MySqlConnection connection, CancellationToken cancellationToken)
    {
        var collations = await Utf8mb4CollationsAsync(connection, cancellationToken);
        var indexes = await IndexesAsync(connection, cancellationToken);
        var widen = await Utf8mb4RowSize.ColumnsToWidenAsync(connection, cancellationToken);
        var tables = new List<TableConversion>();
        await using (var command = new MySqlCommand(TablesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                var from = reader.GetString(1);
                var rowFormat = reader.GetString(2);
                var innoDb = string.Equals(reader.GetString(3), "InnoDB", StringComparison.OrdinalIgnoreCase);
                var widths = indexes.GetValueOrDefault(table) ?? [];
                var compact = rowFormat.Equals("Compact", StringComparison.OrdinalIgnoreCase) || rowFormat.Equals("Redundant", StringComparison.OrdinalIgnoreCase);
                var toDynamic = innoDb && compact && widths.Any(static w => w.WidestColumn > CompactColumnLimit);
                var tooWide = innoDb ? widths.FirstOrDefault(static w => w.Bytes > IndexLimit || w.WidestColumn > IndexLimit) : default;
                var problem = tooWide.Name is null
                    ? null
                    : $"index {tooWide.Name} would take {tooWide.Bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes in utf8mb4 (4 bytes a character), more than the {IndexLimit.ToString("N0", CultureInfo.InvariantCulture)} InnoDB allows; shorten it to a prefix index first, then run this again";
                tables.Add(new TableConversion(
                    database, table, from, Target(from, collations), toDynamic,
                    Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                    Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                    widen.GetValueOrDefault(table) ?? [],
                    problem));
            }
        }

        DatabaseDefaultConversion? defaults = null;
        await using (var command = new MySqlCommand("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()", connection))
        {
            var current = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";
            if (!current.StartsWith("utf8mb4", StringComparison.Ordinal))
            {
                defaults = new DatabaseDefaultConversion(database, current, Target(current, collations));
            }
        }

        return (tables, defaults);
    }

    /// <summary>
    /// The utf8mb4 collation of the same flavour as <paramref name="from"/> (utf8_general_ci: utf8mb4_general_ci;
    /// utf8mb3_bin: utf8mb4_bin), so comparisons and unique keys behave as before; utf8mb4_unicode_ci otherwise.
    /// </summary>
    public static string Target(string from, IReadOnlySet<string> utf8mb4Collations)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(utf8mb4Collations);
        foreach (var prefix in (string[])["utf8mb3_", "utf8_"])
        {
            if (from.StartsWith(prefix, StringComparison.Ordinal))
            {
                var candidate = "utf8mb4_" + from[prefix.Length..];
                return utf8mb4Collations.Contains(candidate) ? candidate : Fallback;
            }
        }

        return from.StartsWith("utf8mb4_", StringComparison.Ordinal) && utf8mb4Collations.Contains(from) ? from : Fallback;
    }

    private static async Task<HashSet<string>> Utf8mb4CollationsAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new MySqlCommand("SELECT COLLATION_NAME FROM information_schema.COLLATIONS WHERE CHARACTER_SET_NAME = 'utf8mb4'", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<Dictionary<string, List<(string Name, long Bytes, long WidestColumn)>>> IndexesAsync(
        MySqlConnection connection, CancellationToken cancellationToken)
    {
        var indexes = new Dictionary<string, List<(string, long, long)>>(StringComparer.Ordinal);
        await using var command = new MySqlCommand(IndexesSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            if (!indexes.TryGetValue(table, out var list))
            {
                indexes[table] = list = [];
            }

            list.Add((reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
        }

        return indexes;
    }
}
