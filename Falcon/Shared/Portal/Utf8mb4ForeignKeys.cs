using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>
/// Foreign keys on text columns between tables of one database (alarms.events.event_caseId → event_cases.id). MariaDB
/// refuses to change the character set of either column while the key exists, even with foreign key checks off
/// (errors 1832/1833), so the conversion drops such keys first and adds them back, unchanged, once both tables are
/// utf8mb4.
/// </summary>
internal static class Utf8mb4ForeignKeys
{
    private const string Sql = """
        SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
               r.UPDATE_RULE, r.DELETE_RULE, c.CHARACTER_SET_NAME IS NOT NULL
        FROM information_schema.KEY_COLUMN_USAGE k
        JOIN information_schema.REFERENTIAL_CONSTRAINTS r
          ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
        JOIN information_schema.COLUMNS c
          ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME
        WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_SCHEMA = DATABASE()
        ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION
        """;

    /// <summary>The keys on text columns that touch one of <paramref name="tables"/> (as the referring or the referenced table).</summary>
    public static async Task<List<ForeignKeyDefinition>> InTheWayAsync(MySqlConnection connection, IReadOnlySet<string> tables, CancellationToken cancellationToken)
    {
        var rows = new List<(string Table, string Name, string Column, string RefTable, string RefColumn, string OnUpdate, string OnDelete, bool Text)>();
        await using (var command = new MySqlCommand(Sql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.GetBoolean(7)));
            }
        }

        return [.. rows
            .GroupBy(static r => (r.Table, r.Name))
            .Where(g => g.Any(static r => r.Text) && (tables.Contains(g.Key.Table) || tables.Contains(g.First().RefTable)))
            .Select(static g => new ForeignKeyDefinition(
                g.Key.Table, g.Key.Name, [.. g.Select(static r => r.Column)], g.First().RefTable, [.. g.Select(static r => r.RefColumn)],
                g.First().OnUpdate, g.First().OnDelete))];
    }
}

/// <summary>A foreign key as information_schema describes it, enough to drop it and add it back the same.</summary>
internal sealed record ForeignKeyDefinition(
    string Table, string Name, IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns, string OnUpdate, string OnDelete)
{
    public string DropSql => $"ALTER TABLE {SqlIdentifier.Quote(Table)} DROP FOREIGN KEY {SqlIdentifier.Quote(Name)}";

    public string AddSql =>
        $"ALTER TABLE {SqlIdentifier.Quote(Table)} ADD CONSTRAINT {SqlIdentifier.Quote(Name)} FOREIGN KEY ({List(Columns)}) "
        + $"REFERENCES {SqlIdentifier.Quote(ReferencedTable)} ({List(ReferencedColumns)}) ON DELETE {Rule(OnDelete)} ON UPDATE {Rule(OnUpdate)}";

    public override string ToString() => $"{Table}.{Name} ({string.Join(", ", Columns)}) -> {ReferencedTable} ({string.Join(", ", ReferencedColumns)})";

    private static string List(IEnumerable<string> columns) => string.Join(", ", columns.Select(SqlIdentifier.Quote));

    // The rules come from information_schema; only the five SQL spells are passed on.
    private static string Rule(string rule) =>
        rule.ToUpperInvariant() switch
        {
            "CASCADE" => "CASCADE",
            "SET NULL" => "SET NULL",
            "SET DEFAULT" => "SET DEFAULT",
            "NO ACTION" => "NO ACTION",
            _ => "RESTRICT",
        };
}
