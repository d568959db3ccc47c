using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>
/// Creates the open-falcon databases and brings their schemas up to date (<c>falcon db init</c> and
/// <c>falcon db migrate</c>). Both are idempotent: each database records the scripts applied to it in a
/// <c>falcon_schema_version</c> table, and the baseline scripts only create what is missing, so an
/// existing open-falcon database is taken over without losing a row.
/// </summary>
internal sealed partial class SchemaMigrator
{
    /// <summary>Falcon's table, one per database, listing the migrations applied to it.</summary>
    public const string VersionTable = "falcon_schema_version";

    // One server-wide named lock, so two `falcon db migrate` runs against the same server take turns
    // instead of both applying the same script.
    private const string LockName = "falcon_schema_migration";
    private const int LockTimeoutSeconds = 60;

    private readonly FalconDatabases _databases;
    private readonly ILogger<SchemaMigrator> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly MigrationCatalog _catalog;
    private readonly string _falconVersion;

    public SchemaMigrator(FalconDatabases databases, ILogger<SchemaMigrator> logger, TimeProvider timeProvider)
        : this(databases, logger, timeProvider, MigrationCatalog.LoadEmbedded())
    {
    }

    internal SchemaMigrator(FalconDatabases databases, ILogger<SchemaMigrator> logger, TimeProvider timeProvider, MigrationCatalog catalog)
    {
        _databases = databases;
        _logger = logger;
        _timeProvider = timeProvider;
        _catalog = catalog;
        var version = typeof(SchemaMigrator).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        _falconVersion = version.Length <= 64 ? version : version[..64]; // the column's width
    }

    /// <summary>
    /// Creates each database that is missing (utf8), then applies every pending migration. Reports one
    /// line per step through <paramref name="progress"/> (e.g. <c>uic: applied 001_uic</c>).
    /// </summary>
    public async Task<IReadOnlyList<AppliedMigration>> InitAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        foreach (var database in _databases.All)
        {
            await CreateDatabaseIfMissingAsync(database, progress, cancellationToken);
        }

        return await MigrateAsync(progress, cancellationToken);
    }

    /// <summary>Applies every pending migration to the existing databases, uic first, then falcon_portal, then alarms.</summary>
    public async Task<IReadOnlyList<AppliedMigration>> MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var applied = new List<AppliedMigration>();
        foreach (var database in _databases.All)
        {
            applied.AddRange(await MigrateAsync(database, progress, cancellationToken));
        }

        return applied;
    }

    /// <summary>The ids of the migrations applied to one database, in the order they were applied.</summary>
    public async Task<IReadOnlyList<string>> GetAppliedAsync(FalconDatabaseKind kind, CancellationToken cancellationToken)
    {
        var database = _databases.Get(kind);
        await using var connection = await OpenAsync(database, cancellationToken);
        try
        {
            if (await CountTablesAsync(connection, VersionTable, cancellationToken) == 0)
            {
                return [];
            }

            return await ReadAppliedAsync(connection, cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"cannot read {VersionTable}: {ex.Message}", ex);
        }
    }

    private async Task CreateDatabaseIfMissingAsync(FalconDatabase database, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // CREATE DATABASE needs a connection that does not name the database yet; it is a one-off,
        // so it stays out of the pool.
        var builder = new MySqlConnectionStringBuilder(database.ConnectionString) { Database = "", Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await OpenAsync(database, connection, cancellationToken);
        try
        {
            await using (var exists = new MySqlCommand("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @name", connection))
            {
                exists.Parameters.AddWithValue("@name", database.Name);
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    return;
                }
            }

            // Identifiers cannot be parameters; the name was validated (MySqlOptions) and is quoted.
            var sql = $"CREATE DATABASE IF NOT EXISTS {SqlIdentifier.Quote(database.Name)} CHARACTER SET utf8 COLLATE utf8_general_ci";
            await using var create = new MySqlCommand(sql, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"cannot create the database: {ex.Message}", ex);
        }

        _logger.DatabaseCreated(database.Name);
        progress?.Report($"{database.Name}: created database");
    }

    private async Task<IReadOnlyList<AppliedMigration>> MigrateAsync(FalconDatabase database, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(database, cancellationToken);
        await AcquireLockAsync(database, connection, cancellationToken);
        try
        {
            var done = await PrepareVersionTableAsync(database, connection, progress, cancellationToken);
            var applied = new List<AppliedMigration>();
            foreach (var migration in _catalog.For(database.Kind))
            {
                if (done.Contains(migration.Id))
                {
                    continue;
                }

                await ApplyAsync(database, connection, migration, cancellationToken);
                applied.Add(new AppliedMigration(database.Kind, database.Name, migration.Id));
                progress?.Report($"{database.Name}: applied {migration.Id}");
            }

            if (applied.Count == 0)
            {
                _logger.SchemaUpToDate(database.Name, done.Count);
                progress?.Report($"{database.Name}: up to date ({done.Count} migrations applied)");
            }

            return applied;
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    private async Task<HashSet<string>> PrepareVersionTableAsync(
        FalconDatabase database, MySqlConnection connection, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        try
        {
            if (await CountTablesAsync(connection, VersionTable, cancellationToken) == 0)
            {
                var tables = await CountTablesAsync(connection, null, cancellationToken);
                if (tables > 0)
                {
                    _logger.AdoptingExistingDatabase(database.Name, tables);
                    progress?.Report($"{database.Name}: existing database with {tables} tables, bringing it under management");
                }

                const string Create = $"""
                    CREATE TABLE IF NOT EXISTS `{VersionTable}` (
                      `id`             VARCHAR(128) NOT NULL,
                      `applied_at`     DATETIME     NOT NULL COMMENT 'UTC',
                      `falcon_version` VARCHAR(64)  NOT NULL DEFAULT '',
                      PRIMARY KEY (`id`)
                    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
                      COMMENT = 'Falcon: schema migrations applied to this database'
                    """;
                await using var create = new MySqlCommand(Create, connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            return [.. await ReadAppliedAsync(connection, cancellationToken)];
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"cannot prepare {VersionTable}: {ex.Message}", ex);
        }
    }

    private async Task ApplyAsync(FalconDatabase database, MySqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var statement = "";
        try
        {
            foreach (var template in migration.Statements)
            {
                statement = SubstituteDatabaseNames(template);
                var outcome = await IdempotentDdl.ExecuteAsync(connection, statement, cancellationToken);
                if (outcome == IdempotentDdl.Outcome.Added)
                {
                    _logger.SchemaObjectAdded(database.Name, migration.Id, Abbreviate(statement));
                }
                else if (outcome == IdempotentDdl.Outcome.AlreadyPresent)
                {
                    _logger.SchemaObjectPresent(database.Name, migration.Id, Abbreviate(statement));
                }
            }

            // Recorded only after every statement succeeded: a script that failed half-way runs again
            // from the top next time, which is why scripts must be idempotent.
            const string Record = $"INSERT INTO `{VersionTable}` (`id`, `applied_at`, `falcon_version`) VALUES (@id, @appliedAt, @version)";
            await using var record = new MySqlCommand(Record, connection);
            record.Parameters.AddWithValue("@id", migration.Id);
            record.Parameters.AddWithValue("@appliedAt", _timeProvider.GetUtcNow().UtcDateTime);
            record.Parameters.AddWithValue("@version", _falconVersion);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new SchemaMigrationException(database.Name, $"{migration.Id} failed: {ex.Message} (statement: {Abbreviate(statement)})", ex);
        }

        _logger.MigrationApplied(database.Name, migration.Id, (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
    }

    private string SubstituteDatabaseNames(string statement)
    {
        foreach (var database in _databases.All)
        {
            statement = statement.Replace(
                "{" + FalconDatabaseKinds.SchemaName(database.Kind) + "}", SqlIdentifier.Quote(database.Name), StringComparison.Ordinal);
        }

        return statement;
    }
}
