using System.Globalization;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>
/// "Add if missing" DDL that works on MariaDB and MySQL 8 alike. MariaDB has
/// <c>ALTER TABLE … ADD COLUMN IF NOT EXISTS</c> and <c>CREATE INDEX IF NOT EXISTS</c>; MySQL 8 has
/// neither, so these statements are recognised in migration scripts and carried out by looking in
/// information_schema first.
/// </summary>
internal static partial class IdempotentDdl
{
    private const string Identifier = @"(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)";

    /// <summary>What <see cref="ExecuteAsync"/> did with a statement.</summary>
    internal enum Outcome
    {
        /// <summary>An ordinary statement, sent to the server as written.</summary>
        Executed,

        /// <summary>A column or index was missing and has been added.</summary>
        Added,

        /// <summary>The column or index already existed; nothing was sent.</summary>
        AlreadyPresent,
    }

    /// <summary>Fails if <paramref name="statement"/> uses an IF [NOT] EXISTS form that MySQL 8 lacks and this class does not translate.</summary>
    public static void EnsureSupported(string statement)
    {
        var column = AddColumnIfNotExists().Match(statement);
        if (column.Success)
        {
            if (MoreAlterClauses().IsMatch(column.Groups["definition"].Value))
            {
                throw new NotSupportedException($"write one ADD COLUMN IF NOT EXISTS per ALTER TABLE statement: {Abbreviate(statement)}");
            }

            return;
        }

        if (CreateIndexIfNotExists().IsMatch(statement))
        {
            return;
        }

        if (UnsupportedIfExists().IsMatch(statement))
        {
            throw new NotSupportedException(
                "MySQL 8 has no IF [NOT] EXISTS for this statement; use ALTER TABLE t ADD COLUMN IF NOT EXISTS c … "
                + $"or CREATE [UNIQUE] INDEX IF NOT EXISTS i ON t (…): {Abbreviate(statement)}");
        }
    }

    /// <summary>Runs one migration statement, translating the "if not exists" forms above.</summary>
    public static async Task<Outcome> ExecuteAsync(MySqlConnection connection, string statement, CancellationToken cancellationToken)
    {
        EnsureSupported(statement);
        var column = AddColumnIfNotExists().Match(statement);
        if (column.Success)
        {
            var added = await AddColumnIfMissingAsync(
                connection,
                SqlIdentifier.Unquote(column.Groups["table"].Value),
                SqlIdentifier.Unquote(column.Groups["column"].Value),
                column.Groups["definition"].Value,
                cancellationToken);
            return added ? Outcome.Added : Outcome.AlreadyPresent;
        }

        var index = CreateIndexIfNotExists().Match(statement);
        if (index.Success)
        {
            var added = await AddIndexIfMissingAsync(
                connection,
                SqlIdentifier.Unquote(index.Groups["table"].Value),
                SqlIdentifier.Unquote(index.Groups["index"].Value),
                index.Groups["columns"].Value,
                unique: index.Groups["unique"].Success,
                cancellationToken);
            return added ? Outcome.Added : Outcome.AlreadyPresent;
        }

        await using var command = NewCommand(connection, statement);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Outcome.Executed;
    }

    /// <summary>
    /// Adds <paramref name="column"/> to <paramref name="table"/> in the connection's current database
    /// unless it exists; <paramref name="definition"/> is the column type and options as written in a
    /// migration script (never user input). Returns whether the column was added.
    /// </summary>
    public static async Task<bool> AddColumnIfMissingAsync(
        MySqlConnection connection, string table, string column, string definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string Exists = """
            SELECT COUNT(*) FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND COLUMN_NAME = @column
            """;
        await using (var query = NewCommand(connection, Exists))
        {
            query.Parameters.AddWithValue("@table", table);
            query.Parameters.AddWithValue("@column", column);
            if (Convert.ToInt64(await query.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        var sql = $"ALTER TABLE {SqlIdentifier.Quote(table)} ADD COLUMN {SqlIdentifier.Quote(column)} {definition}";
        await using var alter = NewCommand(connection, sql);
        await alter.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Creates index <paramref name="index"/> on <paramref name="table"/> unless an index of that name
    /// exists; <paramref name="columns"/> is the parenthesised column list from a migration script.
    /// Returns whether the index was created.
    /// </summary>
    public static async Task<bool> AddIndexIfMissingAsync(
        MySqlConnection connection, string table, string index, string columns, bool unique, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string Exists = """
            SELECT COUNT(*) FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND INDEX_NAME = @index
            """;
        await using (var query = NewCommand(connection, Exists))
        {
            query.Parameters.AddWithValue("@table", table);
            query.Parameters.AddWithValue("@index", index);
            if (Convert.ToInt64(await query.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        var sql = $"CREATE {(unique ? "UNIQUE " : "")}INDEX {SqlIdentifier.Quote(index)} ON {SqlIdentifier.Quote(table)} {columns}";
        await using var create = NewCommand(connection, sql);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private static MySqlCommand NewCommand(MySqlConnection connection, string sql) =>
        // No timeout: DDL on a large events table can outlast the connection's default command
        // timeout; the caller's cancellation token still stops it.
        new(sql, connection) { CommandTimeout = 0 };

    private static string Abbreviate(string statement) =>
        statement.Length <= 120 ? statement : string.Concat(statement.AsSpan(0, 117), "...");

    [GeneratedRegex(
        $@"^ALTER\s+TABLE\s+(?<table>{Identifier})\s+ADD\s+(?:COLUMN\s+)?IF\s+NOT\s+EXISTS\s+(?<column>{Identifier})\s+(?<definition>\S.*)$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex AddColumnIfNotExists();

    [GeneratedRegex(
        $@"^CREATE\s+(?<unique>UNIQUE\s+)?INDEX\s+IF\s+NOT\s+EXISTS\s+(?<index>{Identifier})\s+ON\s+(?<table>{Identifier})\s*(?<columns>\(.+\))$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CreateIndexIfNotExists();

    // A comma followed by another ALTER clause means several clauses in one statement.
    [GeneratedRegex(@",\s*(?:ADD|DROP|MODIFY|CHANGE|ALTER|RENAME)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoreAlterClauses();

    // ALTER … IF [NOT] EXISTS and CREATE/DROP INDEX … IF [NOT] EXISTS are MariaDB-only;
    // CREATE TABLE/DATABASE IF NOT EXISTS and DROP TABLE IF EXISTS work everywhere.
    [GeneratedRegex(
        @"^(?:ALTER\s+TABLE\s.*\sIF\s+(?:NOT\s+)?EXISTS\s|(?:CREATE|DROP)\s+(?:UNIQUE\s+)?INDEX\s+IF\s)",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UnsupportedIfExists();
}
