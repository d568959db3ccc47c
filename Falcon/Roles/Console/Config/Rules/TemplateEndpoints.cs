using Falcon.Roles.Console.Auth;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// `/api/templates`: list, read (with inherited strategies and bound groups), create, rename and re-parent, delete.
/// Every change goes through <see cref="ConfigSaver"/> on <see cref="TemplateKind"/>.
/// </summary>
internal sealed class TemplateEndpoints(TemplateKind kind, ConfigSaver saver, FalconDatabases databases)
{
    private const string HeaderShape = "{\"name\",\"parent\"}";

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var (q, limit) = ConfigRequests.ListFilter(context);
        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        var rows = await TemplateKind.AllAsync(connection, null, context.RequestAborted);
        var names = rows.ToDictionary(static r => r.Id, static r => r.Name);
        var counts = await CountsAsync(connection, "SELECT tpl_id, COUNT(*) FROM strategy GROUP BY tpl_id", context.RequestAborted);
        var groups = await GroupNamesAsync(connection, context.RequestAborted);
        var list = rows.Where(r => RulesRequests.Matches(r.Name, q)).OrderBy(static r => r.Name, StringComparer.Ordinal).Take(limit)
            .Select(r => new TemplateSummary
            {
                Name = r.Name,
                Parent = names.GetValueOrDefault(r.ParentId),
                Creator = r.Creator,
                Strategies = (int)counts.GetValueOrDefault(r.Id),
                Groups = groups[r.Id].Order(StringComparer.Ordinal).ToList(),
            }).ToList();
        return Results.Json(list, RulesJson.Context.ListTemplateSummary);
    }

    public async Task<IResult> GetAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var details = await DetailsAsync(name, context.RequestAborted);
        return details is null ? RulesRequests.NotFound($"template '{name}'") : Results.Json(details, RulesJson.Context.TemplateDetails);
    }

    public async Task<IResult> CreateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (header, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.TemplateHeader, HeaderShape);
        if (header is null)
        {
            return error!;
        }

        var document = new TemplateDocument { Name = TemplateKind.CheckName(header.Name), Parent = header.Parent, Creator = caller.Name };
        await kind.CheckAsync(document, context.RequestAborted);
        await saver.SaveAsync(kind, document.Name, "create", caller, async (connection, transaction) =>
        {
            if (await TemplateKind.FindAsync(connection, transaction, document.Name, context.RequestAborted) is not null)
            {
                throw new ConfigValidationException("name", $"a template named '{document.Name}' exists already");
            }

            await TemplateKind.ApplyAsync(connection, transaction, document, caller.Name, context.RequestAborted);
        }, context.RequestAborted);
        return Results.Json(await DetailsAsync(document.Name, context.RequestAborted), RulesJson.Context.TemplateDetails, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>`PUT /api/templates/{name}` `{"name","parent"}`: a new name renames; parent "" or null removes the parent.</summary>
    public async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var (header, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.TemplateHeader, HeaderShape);
        if (header is null)
        {
            return error!;
        }

        var refusal = await RefusalAsync(name, caller, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var newName = header.Name is null ? name : TemplateKind.CheckName(header.Name);
        var parent = string.IsNullOrWhiteSpace(header.Parent) ? null : header.Parent.Trim();
        await TextColumns.CheckAsync(databases.Portal, "tpl", context.RequestAborted, ("name", newName));
        await saver.SaveAsync(kind, name, "update", caller, async (connection, transaction) =>
        {
            var row = await TemplateKind.FindAsync(connection, transaction, name, context.RequestAborted)
                ?? throw new ConfigValidationException("name", $"template '{name}' was deleted meanwhile");
            if (newName != name && await TemplateKind.FindAsync(connection, transaction, newName, context.RequestAborted) is not null)
            {
                throw new ConfigValidationException("name", $"a template named '{newName}' exists already");
            }

            var parentId = await TemplateKind.ParentIdAsync(connection, transaction, row.Id, parent, context.RequestAborted);
            await RulesSql.ExecuteAsync(connection, transaction, "UPDATE tpl SET tpl_name = @name, parent_id = @parent WHERE id = @id", context.RequestAborted,
                ("@name", newName), ("@parent", parentId), ("@id", row.Id));
        }, context.RequestAborted, auditName: newName, summary: newName == name ? "" : $"renamed from {name}");
        return Results.Json(await DetailsAsync(newName, context.RequestAborted), RulesJson.Context.TemplateDetails);
    }

    /// <summary>Deletes the template with its strategies and action, and unbinds it from its groups (as open-falcon did).</summary>
    public async Task<IResult> DeleteAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var refusal = await RefusalAsync(name, caller, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        await saver.SaveAsync(kind, name, "delete", caller,
            (connection, transaction) => kind.WriteAsync(connection, transaction, name, null, caller.Name, context.RequestAborted), context.RequestAborted);
        return ConsoleResults.Message(StatusCodes.Status200OK, $"template '{name}' deleted");
    }

    /// <summary>404 when the template does not exist, 403 when the caller may not change it, else null.</summary>
    public async Task<IResult?> RefusalAsync(string name, ConsoleCaller caller, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Portal.OpenConnectionAsync(cancellationToken);
        var row = await TemplateKind.FindAsync(connection, null, name, cancellationToken);
        return row is null ? RulesRequests.NotFound($"template '{name}'")
            : RulesRequests.MayChange(caller, row.Creator) ? null
            : RulesRequests.Forbidden($"template '{name}'", row.Creator);
    }

    public async Task<TemplateDetails?> DetailsAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Portal.OpenConnectionAsync(cancellationToken);
        var row = await TemplateKind.FindAsync(connection, null, name, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var all = (await TemplateKind.AllAsync(connection, null, cancellationToken)).ToDictionary(static r => r.Id);
        var details = new TemplateDetails
        {
            Name = row.Name,
            Parent = all.GetValueOrDefault(row.ParentId)?.Name,
            Creator = row.Creator,
            Strategies = await TemplateKind.StrategiesAsync(connection, null, row.Id, cancellationToken),
            Action = await ActionStore.ReadAsync(connection, null, row.ActionId, cancellationToken),
            Groups = await TemplateKind.GroupsAsync(connection, null, row.Id, cancellationToken),
        };
        // Nearest parent first, as far as hbs follows the chain.
        var seen = new HashSet<long> { row.Id };
        for (var id = row.ParentId; all.TryGetValue(id, out var up) && seen.Add(id) && seen.Count <= TemplateChains.MaxDepth; id = up.ParentId)
        {
            details.Inherited.Add(new InheritedStrategies { Template = up.Name, Strategies = await TemplateKind.StrategiesAsync(connection, null, up.Id, cancellationToken) });
        }

        return details;
    }

    private static async Task<Dictionary<long, long>> CountsAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<long, long>();
        await using var command = RulesSql.Command(connection, null, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[RulesSql.Long(reader, 0)] = RulesSql.Long(reader, 1);
        }

        return counts;
    }

    private static async Task<ILookup<long, string>> GroupNamesAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var pairs = new List<(long Template, string Group)>();
        await using var command = RulesSql.Command(connection, null, "SELECT DISTINCT gt.tpl_id, g.grp_name FROM grp_tpl gt JOIN grp g ON g.id = gt.grp_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs.Add((RulesSql.Long(reader, 0), RulesSql.Text(reader, 1)));
        }

        return pairs.ToLookup(static p => p.Template, static p => p.Group);
    }
}
