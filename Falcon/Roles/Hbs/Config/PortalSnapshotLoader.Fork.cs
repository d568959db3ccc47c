using MySqlConnector;

namespace Falcon.Roles.Hbs.Config;

// The fork's tables (grp_svs, dynamic_config, union_strategy, strategy.union_strategy_id). `falcon db migrate`
// creates them, but an upstream database that was never migrated has none: each is read only where it exists, so
// such a database still serves everything else, and the fork's RPCs answer "none".
internal sealed partial class PortalSnapshotLoader
{
    private const string ForkColumnsSql =
        "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
        + "AND TABLE_NAME IN ('strategy', 'grp_svs', 'dynamic_config', 'union_strategy')";

    private const string GroupServicesSql = "SELECT grp_id, svs_name FROM grp_svs";
    private const string DynamicConfigsSql = "SELECT endpoint, metrics, intervals FROM dynamic_config WHERE status = 1";
    private const string UnionStrategiesSql = "SELECT id, strategy_ids FROM union_strategy ORDER BY id";

    private static async Task<HashSet<string>> ReadForkColumnsAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await QueryAsync(connection, transaction, ForkColumnsSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(string.Concat(Text(reader, 0), ".", Text(reader, 1)));
        }

        return columns;
    }

    private static bool Has(HashSet<string> columns, string table, params string[] names) =>
        names.All(name => columns.Contains(string.Concat(table, ".", name)));

    private static async Task<List<PortalGroupServices>> ReadGroupServicesAsync(
        MySqlConnection connection, MySqlTransaction transaction, HashSet<string> columns, CancellationToken cancellationToken)
    {
        if (!Has(columns, "grp_svs", "grp_id", "svs_name"))
        {
            return [];
        }

        var byGroup = new Dictionary<long, List<string>>();
        await using var reader = await QueryAsync(connection, transaction, GroupServicesSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var groupId = Number(reader, 0);
            if (!byGroup.TryGetValue(groupId, out var names))
            {
                byGroup.Add(groupId, names = []);
            }

            names.Add(Text(reader, 1));
        }

        return byGroup.Select(static pair => new PortalGroupServices(pair.Key, pair.Value)).ToList();
    }

    private static async Task<List<PortalDynamicConfig>> ReadDynamicConfigsAsync(
        MySqlConnection connection, MySqlTransaction transaction, HashSet<string> columns, CancellationToken cancellationToken)
    {
        if (!Has(columns, "dynamic_config", "endpoint", "metrics", "intervals", "status"))
        {
            return [];
        }

        var configs = new List<PortalDynamicConfig>();
        await using var reader = await QueryAsync(connection, transaction, DynamicConfigsSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            configs.Add(new PortalDynamicConfig(Text(reader, 0), Text(reader, 1), SmallNumber(reader, 2)));
        }

        return configs;
    }

    private static async Task<List<PortalUnionStrategy>> ReadUnionStrategiesAsync(
        MySqlConnection connection, MySqlTransaction transaction, HashSet<string> columns, CancellationToken cancellationToken)
    {
        if (!Has(columns, "union_strategy", "id", "strategy_ids"))
        {
            return [];
        }

        var unions = new List<PortalUnionStrategy>();
        await using var reader = await QueryAsync(connection, transaction, UnionStrategiesSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            unions.Add(new PortalUnionStrategy(Number(reader, 0), Text(reader, 1)));
        }

        return unions;
    }
}
