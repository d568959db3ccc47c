using System.Globalization;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>Parameterised IN lists in chunks, so a group of thousands of hosts stays within MySQL's placeholder limit.</summary>
internal static class SqlLists
{
    private const int Chunk = 1000;

    /// <summary>Runs <paramref name="sql"/> (with `{0}` where the IN list goes) over <paramref name="values"/> in chunks, reading each row.</summary>
    public static async Task ReadAsync<T>(MySqlConnection connection, MySqlTransaction? transaction, string sql, IReadOnlyList<T> values,
        Action<MySqlDataReader> row, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        for (var start = 0; start < values.Count; start += Chunk)
        {
            await using var command = Command(connection, transaction, sql, values, start, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
    }

    /// <summary>Runs a statement over <paramref name="values"/> in chunks; returns the rows affected.</summary>
    public static async Task<int> ExecuteAsync<T>(MySqlConnection connection, MySqlTransaction? transaction, string sql, IReadOnlyList<T> values,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var affected = 0;
        for (var start = 0; start < values.Count; start += Chunk)
        {
            await using var command = Command(connection, transaction, sql, values, start, parameters);
            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }

    /// <summary>Inserts one row per value: <paramref name="rowFormat"/> such as `(@id, {0})` with `{0}` where the value goes.</summary>
    public static async Task InsertRowsAsync<T>(MySqlConnection connection, MySqlTransaction transaction, string insertInto, IReadOnlyList<T> values,
        string rowFormat, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        for (var start = 0; start < values.Count; start += Chunk)
        {
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            var rows = new List<string>();
            for (var i = start; i < Math.Min(values.Count, start + Chunk); i++)
            {
                var name = "@v" + i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(name, values[i]);
                rows.Add(string.Format(CultureInfo.InvariantCulture, rowFormat, name));
            }

            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.CommandText = insertInto + " VALUES " + string.Join(", ", rows);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static MySqlCommand Command<T>(MySqlConnection connection, MySqlTransaction? transaction, string sql, IReadOnlyList<T> values, int start, (string Name, object Value)[] parameters)
    {
        var command = new MySqlCommand { Connection = connection, Transaction = transaction };
        var names = new List<string>();
        for (var i = start; i < Math.Min(values.Count, start + Chunk); i++)
        {
            var name = "@v" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, values[i]);
            names.Add(name);
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.CommandText = string.Format(CultureInfo.InvariantCulture, sql, string.Join(',', names));
        return command;
    }
}
