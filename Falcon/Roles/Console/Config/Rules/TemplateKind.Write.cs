using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Portal.Audit;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Rules;

internal sealed partial class TemplateKind
{
    public async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string? json, string actor, CancellationToken cancellationToken)
    {
        if (json is null)
        {
            await DeleteAsync(connection, transaction, name, actor, cancellationToken);
            return;
        }

        var document = RulesJson.Parse(json, RulesJson.Context.TemplateDocument, "name");
        if (document.Name.Length > 0 && !string.Equals(document.Name, name, StringComparison.Ordinal))
        {
            throw new ConfigValidationException("name", $"the JSON names template '{document.Name}', not '{name}'");
        }

        document.Name = name;
        await CheckAsync(document, cancellationToken);
        await ApplyAsync(connection, transaction, document, actor, cancellationToken);
    }

    /// <summary>Checks the whole template and puts it in its canonical form (trimmed fields, teams as uic spells them).</summary>
    public async Task CheckAsync(TemplateDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Name = CheckName(document.Name);
        document.Parent = string.IsNullOrWhiteSpace(document.Parent) ? null : document.Parent.Trim();
        foreach (var strategy in document.Strategies)
        {
            await CheckStrategyAsync(strategy, cancellationToken);
        }

        if (document.Action is not null)
        {
            await actions.CheckAsync(document.Action, "action.", cancellationToken);
        }

        await TextColumns.CheckAsync(databases.Portal, "tpl", cancellationToken, ("name", document.Name));
    }

    /// <summary>Checks one strategy with the judge's rules and the strategy table's widths and character set.</summary>
    public async Task CheckStrategyAsync(StrategyDocument strategy, CancellationToken cancellationToken)
    {
        RuleFields.CheckStrategy(strategy);
        await TextColumns.CheckAsync(databases.Portal, "strategy", cancellationToken, ("metric", strategy.Metric), ("tags", strategy.Tags), ("note", strategy.Note));
    }

    public static string CheckName(string? name) => RuleFields.CheckName(name, "template", "sa.falcon.base", NameMax);

    /// <summary>Makes the tables hold <paramref name="document"/> (already checked): the tpl row, its strategies and its action.</summary>
    public static async Task ApplyAsync(MySqlConnection connection, MySqlTransaction transaction, TemplateDocument document, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var row = await FindAsync(connection, transaction, document.Name, cancellationToken);
        var creator = document.Creator.Length > 0 ? document.Creator : row?.Creator ?? actor;
        long id;
        if (row is null)
        {
            id = await RulesSql.InsertAsync(connection, transaction, "INSERT INTO tpl (tpl_name, parent_id, action_id, create_user) VALUES (@name, 0, 0, @creator)", cancellationToken,
                ("@name", document.Name), ("@creator", RuleFields.CheckLength("creator", creator, 64, "the user who created the template")));
            row = new TemplateRow(id, document.Name, 0, 0, creator);
        }
        else
        {
            id = row.Id;
        }

        var parentId = await ParentIdAsync(connection, transaction, id, document.Parent, cancellationToken);
        var actionId = await ActionStore.WriteAsync(connection, transaction, row.ActionId, document.Action, cancellationToken);
        await RulesSql.ExecuteAsync(connection, transaction, "UPDATE tpl SET parent_id = @parent, action_id = @action, create_user = @creator WHERE id = @id", cancellationToken,
            ("@parent", parentId), ("@action", actionId), ("@creator", creator), ("@id", id));
        await SyncStrategiesAsync(connection, transaction, id, document.Strategies, cancellationToken);
    }

    /// <summary>
    /// The id of <paramref name="parent"/> for template <paramref name="templateId"/>: refused when it does not exist, is
    /// the template itself or one of its descendants (a loop), or when hbs would drop a chain it makes too deep.
    /// </summary>
    public static async Task<long> ParentIdAsync(MySqlConnection connection, MySqlTransaction transaction, long templateId, string? parent, CancellationToken cancellationToken)
    {
        if (parent is null)
        {
            return 0;
        }

        var all = await AllAsync(connection, transaction, cancellationToken);
        var target = all.FirstOrDefault(r => string.Equals(r.Name, parent, StringComparison.Ordinal))
            ?? throw new ConfigValidationException("parent", $"there is no template named '{parent}' to inherit from");
        var parentOf = all.ToDictionary(static r => r.Id, static r => r.ParentId);
        parentOf[templateId] = target.Id;
        var seen = new HashSet<long>();
        for (var id = target.Id; id > 0 && seen.Add(id);)
        {
            if (id == templateId)
            {
                throw new ConfigValidationException("parent", $"'{parent}' inherits from this template already: making it the parent would be a loop");
            }

            id = parentOf.TryGetValue(id, out var up) ? up : 0;
        }

        // hbs drops a chain of TemplateChains.MaxDepth templates or more: this template and everything below it must stay within it.
        var children = all.ToLookup(static r => r.ParentId, static r => r.Id);
        var below = new Stack<long>([templateId]);
        while (below.Count > 0)
        {
            var id = below.Pop();
            if (TemplateChains.Build(id, parentOf).Length == 0)
            {
                throw new ConfigValidationException("parent", $"with parent '{parent}' a chain of inheritance would reach {TemplateChains.MaxDepth} templates, which hbs refuses (it drops the whole chain)");
            }

            foreach (var child in children[id])
            {
                below.Push(child);
            }
        }

        return target.Id;
    }

    private async Task DeleteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string actor, CancellationToken cancellationToken)
    {
        var row = await FindAsync(connection, transaction, name, cancellationToken);
        if (row is null)
        {
            return;
        }

        var children = await RulesSql.TextsAsync(connection, transaction, "SELECT tpl_name FROM tpl WHERE parent_id = @id", cancellationToken, ("@id", row.Id));
        if (children.Count > 0)
        {
            children.Sort(StringComparer.Ordinal);
            throw new ConfigValidationException("name", $"template '{name}' is the parent of {string.Join(", ", children)}: give them another parent or delete them first");
        }

        await UnbindAsync(connection, transaction, row, actor, cancellationToken);
        await ActionStore.WriteAsync(connection, transaction, row.ActionId, null, cancellationToken);
        await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM strategy WHERE tpl_id = @id", cancellationToken, ("@id", row.Id));
        await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM tpl WHERE id = @id", cancellationToken, ("@id", row.Id));
    }

    // Deleting a template unbinds it from its groups, as open-falcon's api did. A binding is part of the group's own
    // audited object, so each group changed gets its audit row, in this same transaction, when a group kind is known.
    private async Task UnbindAsync(MySqlConnection connection, MySqlTransaction transaction, TemplateRow row, string actor, CancellationToken cancellationToken)
    {
        var groups = await GroupsAsync(connection, transaction, row.Id, cancellationToken);
        var groupKind = services.GetServices<IConfigKind>().FirstOrDefault(static k => k.Kind == "group" && k.Database == Falcon.Shared.Portal.FalconDatabaseKind.Portal);
        var before = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            before[group] = groupKind is null ? null : await groupKind.ReadAsync(connection, transaction, group, cancellationToken);
        }

        await RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM grp_tpl WHERE tpl_id = @id", cancellationToken, ("@id", row.Id));
        if (groupKind is null)
        {
            return;
        }

        foreach (var group in groups)
        {
            var after = await groupKind.ReadAsync(connection, transaction, group, cancellationToken);
            if (!string.Equals(before[group], after, StringComparison.Ordinal))
            {
                var entry = new AuditEntry(actor, "update", groupKind.Kind, group, before[group], after, $"template {row.Name} deleted: unbound");
                await AuditLog.WriteAsync(connection, transaction, entry, timeProvider.GetUtcNow(), cancellationToken);
            }
        }
    }
}
