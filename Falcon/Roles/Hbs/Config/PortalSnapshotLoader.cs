using System.Data;
using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Hbs.Config;

/// <summary>Reads a <see cref="PortalSnapshot"/> from falcon_portal: the tables open-falcon's hbs caches (and the fork's, where present), in one read-only transaction.</summary>
internal sealed partial class PortalSnapshotLoader
{
    private readonly FalconDatabases _databases;
    private readonly TimeProvider _timeProvider;

    public PortalSnapshotLoader(FalconDatabases databases, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(databases);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _databases = databases;
        _timeProvider = timeProvider;
    }

    public async Task<PortalSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var loadedAt = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _databases.Portal.OpenConnectionAsync(cancellationToken);
        // One REPEATABLE READ transaction: InnoDB serves every SELECT below from the same read view, so a
        // strategy never points at a template that a concurrent edit removed between two queries.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, isReadOnly: true, cancellationToken);

        var forkColumns = await ReadForkColumnsAsync(connection, transaction, cancellationToken);
        var hosts = await ReadHostsAsync(connection, transaction, cancellationToken);
        var groups = await ReadGroupsAsync(connection, transaction, cancellationToken);
        var groupHosts = await ReadGroupHostsAsync(connection, transaction, cancellationToken);
        var templates = await ReadTemplatesAsync(connection, transaction, cancellationToken);
        var groupTemplates = await ReadGroupTemplatesAsync(connection, transaction, cancellationToken);
        var strategies = await ReadStrategiesAsync(connection, transaction, Has(forkColumns, "strategy", "union_strategy_id"), cancellationToken);
        var expressions = await ReadExpressionsAsync(connection, transaction, cancellationToken);
        var groupPlugins = await ReadGroupPluginsAsync(connection, transaction, cancellationToken);
        var groupServices = await ReadGroupServicesAsync(connection, transaction, forkColumns, cancellationToken);
        var dynamicConfigs = await ReadDynamicConfigsAsync(connection, transaction, forkColumns, cancellationToken);
        var unionStrategies = await ReadUnionStrategiesAsync(connection, transaction, forkColumns, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new PortalSnapshot
        {
            LoadedAtUnixMs = loadedAt,
            Hosts = hosts,
            Groups = groups,
            GroupHosts = groupHosts,
            Templates = templates,
            GroupTemplates = groupTemplates,
            Strategies = strategies,
            Expressions = expressions,
            GroupPlugins = groupPlugins,
            GroupServices = groupServices,
            DynamicConfigs = dynamicConfigs,
            UnionStrategies = unionStrategies,
        };
    }

    private static async Task<MySqlDataReader> QueryAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new MySqlCommand(sql, connection, transaction);
        // SequentialAccess lets MySqlConnector read each row as it arrives instead of buffering a whole packet
        // set; the tables are read front to back once, so nothing needs random access.
        return await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
    }

    // The open-falcon schema declares these columns NOT NULL, but hand-edited and forked databases exist; a
    // NULL reads as Go's zero value rather than failing the whole snapshot.
    private static string Text(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal);

    private static long Number(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : reader.GetInt64(ordinal);

    private static int SmallNumber(MySqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : reader.GetInt32(ordinal);
}
