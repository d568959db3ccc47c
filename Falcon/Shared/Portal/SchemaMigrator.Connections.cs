using System.Globalization;
using MySqlConnector;

namespace Falcon.Shared.Portal;

// Connections, the migration lock and the small queries SchemaMigrator runs around the scripts.
internal sealed partial class SchemaMigrator
{
    private static async Task AcquireLockAsync(FalconDatabase database, MySqlConnection connection, CancellationToken cancellationToken)
    {
        object? result;
        try
        {
            await using var command = new MySqlCommand("SELECT GET_LOCK(@name, @timeout)", connection) { CommandTimeout = LockTimeoutSeconds + 30 };
            command.Parameters.AddWithValue("@name", LockName);
            command.Parameters.AddWithValue("@timeout", LockTimeoutSeconds);
            result = await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"cannot take the migration lock: {ex.Message}", ex);
        }

        if (result is null or DBNull || Convert.ToInt64(result, CultureInfo.InvariantCulture) != 1)
        {
            throw new SchemaMigrationException(
                database.Name,
                $"another falcon db init or migrate has held the lock '{LockName}' for {LockTimeoutSeconds} s; try again when it has finished",
                null);
        }
    }

    private static async Task ReleaseLockAsync(MySqlConnection connection)
    {
        try
        {
            await using var command = new MySqlCommand("SELECT RELEASE_LOCK(@name)", connection);
            command.Parameters.AddWithValue("@name", LockName);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (MySqlException)
        {
            // The server drops the lock with the session anyway; a failed release must not hide the
            // error that brought us here.
        }
    }

    private static async Task<long> CountTablesAsync(MySqlConnection connection, string? table, CancellationToken cancellationToken)
    {
        var sql = "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
            + (table is null ? "" : " AND TABLE_NAME = @table");
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<string>> ReadAppliedAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SELECT `id` FROM `{VersionTable}` ORDER BY `applied_at`, `id`", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<MySqlConnection> OpenAsync(FalconDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            return await database.OpenConnectionAsync(cancellationToken);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.UnknownDatabase)
        {
            throw new SchemaMigrationException(database.Name, "the database does not exist; `falcon db init` creates it", ex);
        }
        catch (MySqlException ex)
        {
            throw CannotConnect(database, ex);
        }
    }

    private static async Task OpenAsync(FalconDatabase database, MySqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw CannotConnect(database, ex);
        }
    }

    private static SchemaMigrationException CannotConnect(FalconDatabase database, MySqlException ex)
    {
        var builder = new MySqlConnectionStringBuilder(database.ConnectionString);
        return new SchemaMigrationException(
            database.Name,
            $"cannot connect to {builder.Server}:{builder.Port} as '{builder.UserID}' ({database.ConfigKey}): {ex.Message}",
            ex);
    }

    private static string Abbreviate(string statement)
    {
        var oneLine = string.Join(' ', statement.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 120 ? oneLine : string.Concat(oneLine.AsSpan(0, 117), "...");
    }
}
