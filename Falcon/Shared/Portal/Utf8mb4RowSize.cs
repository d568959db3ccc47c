using System.Globalization;
using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>
/// MySQL's 65,535-byte limit on a row's declared size (TEXT and BLOB count a few bytes, VARCHAR its full width): at 4
/// bytes a character a table that fit in utf8 may not (open-falcon's <c>cluster</c>, with two VARCHAR(10240), needs
/// 81,924 bytes). Its widest VARCHAR columns then become MEDIUMTEXT in the same rebuild, which holds every value they
/// held; each is named in the plan.
/// </summary>
internal static class Utf8mb4RowSize
{
    /// <summary>The limit, less a margin for the row's own bookkeeping (null flags, lengths) this estimate leaves out.</summary>
    public const long Limit = 65_535 - 512;

    // What each non-text column counts toward the limit; anything not listed counts 8.
    private static readonly Dictionary<string, long> FixedBytes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tinyint"] = 1, ["smallint"] = 2, ["mediumint"] = 3, ["int"] = 4, ["bigint"] = 8, ["float"] = 4, ["double"] = 8,
        ["date"] = 3, ["time"] = 3, ["datetime"] = 8, ["timestamp"] = 4, ["year"] = 1, ["enum"] = 2, ["bit"] = 8,
        ["tinytext"] = 12, ["text"] = 12, ["mediumtext"] = 12, ["longtext"] = 12, ["json"] = 12,
        ["tinyblob"] = 12, ["blob"] = 12, ["mediumblob"] = 12, ["longblob"] = 12,
    };

    private const string ColumnsSql = """
        SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, CHARACTER_SET_NAME,
               IS_NULLABLE, COLUMN_DEFAULT, COLUMN_COMMENT
        FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION
        """;

    /// <summary>Per table of the connection's database, the VARCHAR columns to make MEDIUMTEXT so the utf8mb4 row fits (none for most).</summary>
    public static async Task<Dictionary<string, List<WideColumn>>> ColumnsToWidenAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, List<(WideColumn? Varchar, long Bytes)>>(StringComparer.Ordinal);
        await using (var command = new MySqlCommand(ColumnsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                if (!tables.TryGetValue(table, out var columns))
                {
                    tables[table] = columns = [];
                }

                var type = reader.GetString(2);
                var characters = reader.IsDBNull(3) ? 0 : Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
                var octets = reader.IsDBNull(4) ? 0 : Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture);
                var text = !reader.IsDBNull(5);
                // information_schema spells data types in lower case.
                long bytes = type switch
                {
                    "varchar" when text => (characters * 4) + (characters * 4 > 255 ? 2 : 1),
                    "char" when text => characters * 4,
                    "varbinary" or "binary" or "varchar" or "char" => octets + 2,
                    _ => FixedBytes.GetValueOrDefault(type, 8),
                };
                var varchar = text && type.Equals("varchar", StringComparison.OrdinalIgnoreCase)
                    ? new WideColumn(reader.GetString(1), characters, reader.GetString(6) == "YES", reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8))
                    : null;
                columns.Add((varchar, bytes));
            }
        }

        var widen = new Dictionary<string, List<WideColumn>>(StringComparer.Ordinal);
        foreach (var (table, columns) in tables)
        {
            var total = columns.Sum(static c => c.Bytes);
            foreach (var (column, bytes) in columns.Where(static c => c.Varchar is not null).OrderByDescending(static c => c.Bytes))
            {
                if (total <= Limit)
                {
                    break;
                }

                total -= bytes - 12;
                (widen.TryGetValue(table, out var list) ? list : widen[table] = []).Add(column!);
            }
        }

        return widen;
    }

    /// <summary>The MODIFY clause that makes <paramref name="column"/> MEDIUMTEXT with its nullability, default and comment.</summary>
    public static string ModifyClause(WideColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var clause = $"MODIFY COLUMN {SqlIdentifier.Quote(column.Name)} MEDIUMTEXT {(column.Nullable ? "NULL" : "NOT NULL")}";
        // MariaDB shows a string default quoted ('x') and a missing one on a nullable column as NULL; MySQL shows it bare.
        if (column.Default is { } value && !value.Equals("NULL", StringComparison.OrdinalIgnoreCase))
        {
            clause += " DEFAULT " + (value.StartsWith('\'') ? value : Literal(value));
        }

        return column.Comment.Length == 0 ? clause : clause + " COMMENT " + Literal(column.Comment);
    }

    private static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>A VARCHAR column of <see cref="Characters"/> characters that becomes MEDIUMTEXT so its table's utf8mb4 row fits.</summary>
internal sealed record WideColumn(string Name, long Characters, bool Nullable, string? Default, string Comment);
