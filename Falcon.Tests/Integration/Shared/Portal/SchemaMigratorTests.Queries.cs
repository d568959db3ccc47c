using System.Globalization;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace Falcon.Tests.Integration.Shared.Portal;

// information_schema queries the assertions are written against.
public sealed partial class SchemaMigratorTests
{
    private async Task<MySqlConnection> OpenAsync(string database)
    {
        var connection = new MySqlConnection(_server.ConnectionString(database));
        await connection.OpenAsync();
        return connection;
    }

    private async Task<Dictionary<string, string[]>> ColumnsAsync(string database)
    {
        await using var connection = await OpenAsync("");
        await using var command = new MySqlCommand(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @s ORDER BY TABLE_NAME, ORDINAL_POSITION",
            connection);
        command.Parameters.AddWithValue("@s", database);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string Table, string Column)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows.GroupBy(r => r.Table).ToDictionary(g => g.Key, g => g.Select(r => r.Column).ToArray());
    }

    private async Task<ExpectedColumn?> ColumnAsync(string schema, string database, string table, string column)
    {
        await using var connection = await OpenAsync("");
        await using var command = new MySqlCommand(
            """
            SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t AND COLUMN_NAME = @c
            """,
            connection);
        command.Parameters.AddWithValue("@s", database);
        command.Parameters.AddWithValue("@t", table);
        command.Parameters.AddWithValue("@c", column);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return new ExpectedColumn(
            schema,
            table,
            column,
            NormaliseType(reader.GetString(0)),
            reader.GetString(1) == "YES",
            reader.IsDBNull(2) ? null : NormaliseDefault(reader.GetString(2)));
    }

    private static async Task<(bool Unique, string Columns)?> IndexAsync(MySqlConnection connection, string database, string table, string index)
    {
        await using var command = new MySqlCommand(
            """
            SELECT NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = @s AND TABLE_NAME = @t AND INDEX_NAME = @i ORDER BY SEQ_IN_INDEX
            """,
            connection);
        command.Parameters.AddWithValue("@s", database);
        command.Parameters.AddWithValue("@t", table);
        command.Parameters.AddWithValue("@i", index);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        var unique = false;
        while (await reader.ReadAsync())
        {
            unique = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) == 0;
            columns.Add(reader.GetString(1));
        }

        return columns.Count == 0 ? null : (unique, string.Join(',', columns));
    }

    private static async Task<string?> ScalarAsync(MySqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ListAsync(MySqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    private async Task<List<string>> VersionRowsAsync(Dictionary<string, string> names)
    {
        var rows = new List<string>();
        foreach (var database in names.Values)
        {
            await using var connection = await OpenAsync(database);
            rows.AddRange(await ListAsync(
                connection,
                "SELECT CONCAT(DATABASE(), ' ', id, ' ', DATE_FORMAT(applied_at, '%Y-%m-%d %H:%i:%s'), ' ', falcon_version) FROM falcon_schema_version ORDER BY id"));
        }

        return rows;
    }

    // MySQL 8 drops integer display widths that MariaDB shows ("int(10) unsigned"); tinyint(1) keeps
    // its width on both because it marks a boolean.
    private static string NormaliseType(string type) =>
        type == "tinyint(1)" ? type : IntegerWidth().Replace(type, "$1");

    // MariaDB quotes string defaults and writes DEFAULT NULL as "NULL" and now() as
    // "current_timestamp()"; MySQL does neither.
    private static string NormaliseDefault(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1];
        }

        return value.Equals("current_timestamp()", StringComparison.OrdinalIgnoreCase) || value.Equals("CURRENT_TIMESTAMP", StringComparison.Ordinal)
            ? "current_timestamp"
            : value;
    }

    [GeneratedRegex(@"^((?:tiny|small|medium|big)?int)\(\d+\)")]
    private static partial Regex IntegerWidth();
}
