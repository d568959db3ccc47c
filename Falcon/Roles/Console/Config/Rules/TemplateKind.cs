using Falcon.Shared.Portal;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// A template with its parent, strategies and action as one audited object (falcon_portal tpl, strategy, action,
/// action_im_group, falcon_action_channel, falcon_action_escalation). Strategies keep their ids while edited in place:
/// judge and alarm event ids hold the strategy id (`s_&lt;id&gt;_...`), so an edited strategy continues its open cases.
/// </summary>
internal sealed partial class TemplateKind(FalconDatabases databases, ActionStore actions, IServiceProvider services, TimeProvider timeProvider) : IConfigKind
{
    public const string KindName = "template";
    public const int NameMax = 255;

    public string Kind => KindName;

    public FalconDatabaseKind Database => FalconDatabaseKind.Portal;

    public async Task<IReadOnlyList<string>> NamesAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var names = await RulesSql.TextsAsync(connection, transaction, "SELECT tpl_name FROM tpl", cancellationToken);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var document = await ReadDocumentAsync(connection, transaction, name, cancellationToken);
        return document is null ? null : RulesJson.Serialize(document, RulesJson.Context.TemplateDocument);
    }

    /// <summary>The template's JSON form: strategies without ids, sorted.</summary>
    public static async Task<TemplateDocument?> ReadDocumentAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        var row = await FindAsync(connection, transaction, name, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var strategies = await StrategiesAsync(connection, transaction, row.Id, cancellationToken);
        return new TemplateDocument
        {
            Name = row.Name,
            Parent = await ParentNameAsync(connection, transaction, row, cancellationToken),
            Creator = row.Creator,
            Strategies = strategies.Select(static s => s.WithoutId()).ToList(),
            Action = await ActionStore.ReadAsync(connection, transaction, row.ActionId, cancellationToken),
        };
    }

    /// <summary>The template named <paramref name="name"/> (exactly: tpl_name's collation ignores case, names here do not).</summary>
    public static async Task<TemplateRow?> FindAsync(MySqlConnection connection, MySqlTransaction? transaction, string name, CancellationToken cancellationToken) =>
        (await RowsAsync(connection, transaction, "WHERE tpl_name = @v", name, cancellationToken)).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    public static async Task<TemplateRow?> FindByIdAsync(MySqlConnection connection, MySqlTransaction? transaction, long id, CancellationToken cancellationToken) =>
        (await RowsAsync(connection, transaction, "WHERE id = @v", id, cancellationToken)).FirstOrDefault();

    public static Task<List<TemplateRow>> AllAsync(MySqlConnection connection, MySqlTransaction? transaction, CancellationToken cancellationToken) =>
        RowsAsync(connection, transaction, "", null, cancellationToken);

    /// <summary>The template's strategies with their ids, in the JSON's order.</summary>
    public static async Task<List<StrategyDocument>> StrategiesAsync(MySqlConnection connection, MySqlTransaction? transaction, long templateId, CancellationToken cancellationToken)
    {
        var strategies = new List<StrategyDocument>();
        await using var command = RulesSql.Command(connection, transaction,
            "SELECT id, metric, tags, func, op, right_value, max_step, priority, run_begin, run_end, note FROM strategy WHERE tpl_id = @tpl ORDER BY id", ("@tpl", templateId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            strategies.Add(new StrategyDocument
            {
                Id = RulesSql.Long(reader, 0),
                Metric = RulesSql.Text(reader, 1),
                Tags = RulesSql.Text(reader, 2),
                Func = RulesSql.Text(reader, 3),
                Op = RulesSql.Text(reader, 4),
                RightValue = RulesSql.Text(reader, 5),
                MaxStep = RulesSql.Int(reader, 6),
                Priority = RulesSql.Int(reader, 7),
                RunBegin = RulesSql.Text(reader, 8),
                RunEnd = RulesSql.Text(reader, 9),
                Note = RulesSql.Text(reader, 10),
            });
        }

        // Stable: equal strategies keep id order.
        return [.. strategies.OrderBy(static s => s, StrategyOrder.Instance).ThenBy(static s => s.Id)];
    }

    /// <summary>The names of the groups bound to the template, in name order.</summary>
    public static async Task<List<string>> GroupsAsync(MySqlConnection connection, MySqlTransaction? transaction, long templateId, CancellationToken cancellationToken)
    {
        var groups = await RulesSql.TextsAsync(connection, transaction,
            "SELECT DISTINCT g.grp_name FROM grp_tpl gt JOIN grp g ON g.id = gt.grp_id WHERE gt.tpl_id = @tpl", cancellationToken, ("@tpl", templateId));
        groups.Sort(StringComparer.Ordinal);
        return groups;
    }

    private static async Task<string?> ParentNameAsync(MySqlConnection connection, MySqlTransaction? transaction, TemplateRow row, CancellationToken cancellationToken) =>
        row.ParentId <= 0 ? null : (await FindByIdAsync(connection, transaction, row.ParentId, cancellationToken))?.Name;

    private static async Task<List<TemplateRow>> RowsAsync(MySqlConnection connection, MySqlTransaction? transaction, string where, object? value, CancellationToken cancellationToken)
    {
        var rows = new List<TemplateRow>();
        await using var command = RulesSql.Command(connection, transaction, $"SELECT id, tpl_name, parent_id, action_id, create_user FROM tpl {where}", ("@v", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TemplateRow(RulesSql.Long(reader, 0), RulesSql.Text(reader, 1), RulesSql.Long(reader, 2), RulesSql.Long(reader, 3), RulesSql.Text(reader, 4)));
        }

        return rows;
    }
}
