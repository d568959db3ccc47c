using MySqlConnector;

namespace Falcon.Roles.Hbs.Config;

internal sealed partial class PortalSnapshotLoader
{
    // Every query is a constant: no value from outside reaches the SQL text, so there is nothing to parameterise.
    private const string HostsSql = "SELECT id, hostname, ip, maintain_begin, maintain_end FROM host";
    private const string GroupsSql = "SELECT id, grp_name FROM grp";
    private const string GroupHostsSql = "SELECT grp_id, host_id FROM grp_host";
    private const string TemplatesSql = "SELECT id, tpl_name, parent_id, action_id, create_user FROM tpl";
    private const string GroupTemplatesSql = "SELECT grp_id, tpl_id FROM grp_tpl";
    private const string StrategiesSql =
        "SELECT id, metric, tags, func, op, right_value, max_step, priority, note, run_begin, run_end, tpl_id FROM strategy";

    // The same with the fork's union_strategy_id, where the column exists.
    private const string StrategiesWithUnionSql =
        "SELECT id, metric, tags, func, op, right_value, max_step, priority, note, run_begin, run_end, tpl_id, union_strategy_id FROM strategy";
    private const string ExpressionsSql =
        "SELECT id, expression, func, op, right_value, max_step, priority, note, action_id FROM expression WHERE action_id > 0 AND pause = 0";
    private const string GroupPluginsSql = "SELECT grp_id, dir FROM plugin_dir";

    private static async Task<List<PortalHost>> ReadHostsAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var hosts = new List<PortalHost>();
        await using var reader = await QueryAsync(connection, transaction, HostsSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hosts.Add(new PortalHost(Number(reader, 0), Text(reader, 1), Text(reader, 2), Number(reader, 3), Number(reader, 4)));
        }

        return hosts;
    }

    private static async Task<List<PortalGroup>> ReadGroupsAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var groups = new List<PortalGroup>();
        await using var reader = await QueryAsync(connection, transaction, GroupsSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new PortalGroup(Number(reader, 0), Text(reader, 1)));
        }

        return groups;
    }

    private static async Task<List<PortalGroupHosts>> ReadGroupHostsAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var byGroup = await ReadPairsAsync(connection, transaction, GroupHostsSql, cancellationToken);
        return byGroup.Select(static pair => new PortalGroupHosts(pair.Key, pair.Value)).ToList();
    }

    private static async Task<List<PortalTemplate>> ReadTemplatesAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var templates = new List<PortalTemplate>();
        await using var reader = await QueryAsync(connection, transaction, TemplatesSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            templates.Add(new PortalTemplate(Number(reader, 0), Text(reader, 1), Number(reader, 2), Number(reader, 3), Text(reader, 4)));
        }

        return templates;
    }

    private static async Task<List<PortalGroupTemplates>> ReadGroupTemplatesAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var byGroup = await ReadPairsAsync(connection, transaction, GroupTemplatesSql, cancellationToken);
        return byGroup.Select(static pair => new PortalGroupTemplates(pair.Key, pair.Value)).ToList();
    }

    private static async Task<List<PortalStrategy>> ReadStrategiesAsync(MySqlConnection connection, MySqlTransaction transaction, bool withUnion, CancellationToken cancellationToken)
    {
        var strategies = new List<PortalStrategy>();
        await using var reader = await QueryAsync(connection, transaction, withUnion ? StrategiesWithUnionSql : StrategiesSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            strategies.Add(new PortalStrategy(
                Id: Number(reader, 0),
                Metric: Text(reader, 1),
                Tags: Text(reader, 2),
                Func: Text(reader, 3),
                Operator: Text(reader, 4),
                RightValue: Text(reader, 5),
                MaxStep: SmallNumber(reader, 6),
                Priority: SmallNumber(reader, 7),
                Note: Text(reader, 8),
                RunBegin: Text(reader, 9),
                RunEnd: Text(reader, 10),
                TemplateId: Number(reader, 11),
                UnionStrategyId: withUnion ? Number(reader, 12) : 0));
        }

        return strategies;
    }

    private static async Task<List<PortalExpression>> ReadExpressionsAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var expressions = new List<PortalExpression>();
        await using var reader = await QueryAsync(connection, transaction, ExpressionsSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            expressions.Add(new PortalExpression(
                Id: Number(reader, 0),
                Expression: Text(reader, 1),
                Func: Text(reader, 2),
                Operator: Text(reader, 3),
                RightValue: Text(reader, 4),
                MaxStep: SmallNumber(reader, 5),
                Priority: SmallNumber(reader, 6),
                Note: Text(reader, 7),
                ActionId: Number(reader, 8)));
        }

        return expressions;
    }

    private static async Task<List<PortalGroupPlugins>> ReadGroupPluginsAsync(MySqlConnection connection, MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        var byGroup = new Dictionary<long, List<string>>();
        await using var reader = await QueryAsync(connection, transaction, GroupPluginsSql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var groupId = Number(reader, 0);
            if (!byGroup.TryGetValue(groupId, out var dirs))
            {
                byGroup.Add(groupId, dirs = []);
            }

            dirs.Add(Text(reader, 1));
        }

        return byGroup.Select(static pair => new PortalGroupPlugins(pair.Key, pair.Value)).ToList();
    }

    // Folds (group id, other id) rows into one list per group, in row order; a 10,000-host group becomes one
    // array instead of 10,000 pair objects, which keeps the snapshot small in memory and in Redis.
    private static async Task<Dictionary<long, List<long>>> ReadPairsAsync(MySqlConnection connection, MySqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var byGroup = new Dictionary<long, List<long>>();
        await using var reader = await QueryAsync(connection, transaction, sql, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var groupId = Number(reader, 0);
            if (!byGroup.TryGetValue(groupId, out var ids))
            {
                byGroup.Add(groupId, ids = []);
            }

            ids.Add(Number(reader, 1));
        }

        return byGroup;
    }
}
