using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Portal;

/// <summary>Log messages of the MySQL side (event ids 9200–9299).</summary>
internal static partial class Log
{
    [LoggerMessage(9200, LogLevel.Information, "{Database}: created the database")]
    public static partial void DatabaseCreated(this ILogger logger, string database);

    [LoggerMessage(9201, LogLevel.Information, "{Database}: applied schema migration {MigrationId} in {ElapsedMs} ms")]
    public static partial void MigrationApplied(this ILogger logger, string database, string migrationId, long elapsedMs);

    [LoggerMessage(9202, LogLevel.Information, "{Database}: schema is up to date ({Count} migrations applied)")]
    public static partial void SchemaUpToDate(this ILogger logger, string database, int count);

    [LoggerMessage(9203, LogLevel.Information, "{Database}: found {TableCount} tables and no falcon_schema_version table; bringing an existing open-falcon database under management")]
    public static partial void AdoptingExistingDatabase(this ILogger logger, string database, long tableCount);

    [LoggerMessage(9204, LogLevel.Information, "{Database}: migration {MigrationId} added a missing column or index: {Statement}")]
    public static partial void SchemaObjectAdded(this ILogger logger, string database, string migrationId, string statement);

    [LoggerMessage(9205, LogLevel.Debug, "{Database}: migration {MigrationId} found the column or index already present: {Statement}")]
    public static partial void SchemaObjectPresent(this ILogger logger, string database, string migrationId, string statement);

    [LoggerMessage(9206, LogLevel.Information, "{Database}.{Table}: converted to utf8mb4 ({Collation}) in {ElapsedMs} ms")]
    public static partial void TableConverted(this ILogger logger, string database, string table, string collation, long elapsedMs);

    [LoggerMessage(9207, LogLevel.Error, "{Database}.{Table}: conversion to utf8mb4 failed: {Reason}")]
    public static partial void TableConversionFailed(this ILogger logger, string database, string table, string reason);
}
