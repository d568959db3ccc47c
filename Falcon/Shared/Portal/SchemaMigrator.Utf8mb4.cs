using MySqlConnector;

namespace Falcon.Shared.Portal;

// `falcon db migrate --utf8mb4`: open-falcon's own tables from utf8 (3 bytes a character) to utf8mb4, on the
// operator's word only, because each conversion rebuilds its table and blocks writes to it while it runs.
internal sealed partial class SchemaMigrator
{
    /// <summary>The tables and database defaults of uic, falcon_portal and alarms that are not utf8mb4 yet.</summary>
    public async Task<Utf8mb4Plan> PlanUtf8mb4Async(CancellationToken cancellationToken)
    {
        var tables = new List<TableConversion>();
        var defaults = new List<DatabaseDefaultConversion>();
        var keys = new List<(string, ForeignKeyDefinition)>();
        foreach (var database in _databases.All)
        {
            await using var connection = await OpenAsync(database, cancellationToken);
            try
            {
                var (found, current) = await Utf8mb4Survey.SurveyAsync(database.Name, connection, cancellationToken);
                tables.AddRange(found);
                if (current is not null)
                {
                    defaults.Add(current);
                }

                var names = found.Select(static t => t.Table).ToHashSet(StringComparer.Ordinal);
                keys.AddRange((await Utf8mb4ForeignKeys.InTheWayAsync(connection, names, cancellationToken)).Select(k => (database.Name, k)));
            }
            catch (MySqlException ex)
            {
                throw new SchemaMigrationException(database.Name, $"cannot read the character sets of its tables: {ex.Message}", ex);
            }
        }

        return new Utf8mb4Plan(tables, defaults, keys);
    }

    /// <summary>
    /// Converts the tables of <paramref name="plan"/> one at a time, each in one ALTER TABLE (a rebuild), and switches the
    /// database defaults. A table that fails is reported and the others go on; a table converted meanwhile is skipped,
    /// so running it again (or twice at once, the migration lock makes them take turns) converts only what is left.
    /// </summary>
    public async Task<Utf8mb4Outcome> ConvertToUtf8mb4Async(Utf8mb4Plan plan, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var converted = new List<TableConversion>();
        var failed = new List<(TableConversion, string)>();
        foreach (var database in _databases.All)
        {
            var tables = plan.Tables.Where(t => t.Database == database.Name).ToList();
            var defaults = plan.Defaults.FirstOrDefault(d => d.Database == database.Name);
            if (tables.Count == 0 && defaults is null)
            {
                continue;
            }

            await using var connection = await OpenAsync(database, cancellationToken);
            await AcquireLockAsync(database, connection, cancellationToken);
            try
            {
                // Keys are added back without checking every row again (the rows did not change), so only in this session.
                await ExecuteAsync(connection, "SET SESSION foreign_key_checks = 0", cancellationToken);
                var still = await StillToConvertAsync(database, connection, cancellationToken);
                var keys = await DropForeignKeysAsync(database, connection, still, progress, cancellationToken);
                try
                {
                    foreach (var table in tables.Where(t => still.Contains(t.Table)))
                    {
                        var reason = table.Problem ?? await ConvertTableAsync(database, connection, table, cancellationToken);
                        if (reason is null)
                        {
                            converted.Add(table);
                            progress?.Report($"{database.Name}.{table.Table}: converted to {table.ToCollation}");
                        }
                        else
                        {
                            _logger.TableConversionFailed(database.Name, table.Table, reason);
                            failed.Add((table, reason));
                            progress?.Report($"{database.Name}.{table.Table}: NOT converted: {reason}");
                        }
                    }
                }
                finally
                {
                    // Even when the run is interrupted: a key is never left dropped by it.
                    await RestoreForeignKeysAsync(database, connection, keys, failed, tables, progress, CancellationToken.None);
                }

                if (defaults is not null)
                {
                    await SwitchDefaultAsync(database, connection, defaults, progress, cancellationToken);
                }
            }
            finally
            {
                await ReleaseLockAsync(connection);
            }
        }

        return new Utf8mb4Outcome(converted, failed);
    }

    private async Task<string?> ConvertTableAsync(FalconDatabase database, MySqlConnection connection, TableConversion table, CancellationToken cancellationToken)
    {
        // The collation came from information_schema.COLLATIONS and the table name from information_schema.TABLES;
        // neither can be a parameter in DDL, so the name is quoted and the collation checked.
        if (!table.ToCollation.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return $"unexpected collation name '{table.ToCollation}'";
        }

        var clauses = table.ToMediumText.Select(Utf8mb4RowSize.ModifyClause).ToList();
        if (table.ToDynamicRowFormat)
        {
            clauses.Add("ROW_FORMAT = DYNAMIC");
        }

        clauses.Add($"CONVERT TO CHARACTER SET utf8mb4 COLLATE {table.ToCollation}");
        var sql = $"ALTER TABLE {SqlIdentifier.Quote(table.Table)} {string.Join(", ", clauses)}";
        var started = _timeProvider.GetTimestamp();
        try
        {
            await ExecuteAsync(connection, sql, cancellationToken);
        }
        catch (MySqlException ex)
        {
            return Explain(ex);
        }

        _logger.TableConverted(database.Name, table.Table, table.ToCollation, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return null;
    }

    private static async Task<List<ForeignKeyDefinition>> DropForeignKeysAsync(
        FalconDatabase database, MySqlConnection connection, HashSet<string> tables, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        List<ForeignKeyDefinition> keys;
        try
        {
            keys = await Utf8mb4ForeignKeys.InTheWayAsync(connection, tables, cancellationToken);
            foreach (var key in keys)
            {
                await ExecuteAsync(connection, key.DropSql, cancellationToken);
                progress?.Report($"{database.Name}.{key.Table}: dropped foreign key {key.Name} until both its tables are converted");
            }
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"cannot drop the foreign keys on text columns before converting: {ex.Message}", ex);
        }

        return keys;
    }

    // Every dropped key is added back, whatever happened to the tables; one that cannot be (its columns now differ,
    // because one of its tables failed) is reported with the statement that restores it.
    private static async Task RestoreForeignKeysAsync(
        FalconDatabase database, MySqlConnection connection, List<ForeignKeyDefinition> keys, List<(TableConversion, string)> failed,
        List<TableConversion> tables, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            try
            {
                await ExecuteAsync(connection, key.AddSql, cancellationToken);
                progress?.Report($"{database.Name}.{key.Table}: foreign key {key.Name} added back");
            }
            catch (MySqlException ex)
            {
                var table = tables.FirstOrDefault(t => t.Table == key.Table)
                    ?? new TableConversion(database.Name, key.Table, "", "", false, 0, 0, [], null);
                failed.Add((table, $"foreign key {key} could not be added back ({ex.Message}); once both tables are converted, run: {key.AddSql}"));
                progress?.Report($"{database.Name}.{key.Table}: foreign key {key.Name} NOT added back: {ex.Message}");
            }
        }
    }

    private static async Task SwitchDefaultAsync(
        FalconDatabase database, MySqlConnection connection, DatabaseDefaultConversion defaults, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (!defaults.ToCollation.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return;
        }

        try
        {
            await ExecuteAsync(connection, $"ALTER DATABASE {SqlIdentifier.Quote(database.Name)} CHARACTER SET utf8mb4 COLLATE {defaults.ToCollation}", cancellationToken);
            progress?.Report($"{database.Name}: default character set for new tables is now utf8mb4 ({defaults.ToCollation})");
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"cannot change the database's default character set: {ex.Message}", ex);
        }
    }

    private static async Task<HashSet<string>> StillToConvertAsync(FalconDatabase database, MySqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var (tables, _) = await Utf8mb4Survey.SurveyAsync(database.Name, connection, cancellationToken);
            return [.. tables.Select(static t => t.Table)];
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"cannot read the character sets of its tables: {ex.Message}", ex);
        }
    }

    // The server's error, with what to do about the ones a conversion to 4 bytes a character runs into.
    private static string Explain(MySqlException ex) => ex.ErrorCode switch
    {
        MySqlErrorCode.TooLongKey =>
            $"{ex.Message} (an index is too long at 4 bytes a character; make it a prefix index, or the table ROW_FORMAT=DYNAMIC, first)",
        MySqlErrorCode.TooBigRowSize =>
            $"{ex.Message} (at 4 bytes a character the row's VARCHAR columns pass the 65,535-byte row limit; make the widest ones TEXT first)",
        MySqlErrorCode.TooBigFieldLength =>
            $"{ex.Message} (a column is too long at 4 bytes a character; make it TEXT first)",
        MySqlErrorCode.LockWaitTimeout or MySqlErrorCode.LockDeadlock =>
            $"{ex.Message} (another session held the table; run it again in a quieter moment)",
        _ => $"{ex.Message} (MySQL error {(int)ex.ErrorCode})",
    };

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // A rebuild takes as long as the table is big: no command timeout, the operator can interrupt it.
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
