using System.Globalization;
using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>
/// `/api/groups`: list, create, read, rename/retag, delete, and template bindings. Every change goes through
/// <see cref="ConfigSaver"/> (one transaction with its audit row, then the change signal); anyone signed in may
/// create a group, its creator or an admin may change or delete it.
/// </summary>
internal sealed partial class GroupEndpoints(FalconDatabases databases, ConfigSaver saver, GroupKind kind)
{
    private const string RequestShape = "{\"name\":\"...\",\"tags\":[\"shop/db\"]}";

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var limit = JsonBody.Limit(context, out var refusal);
        if (refusal is not null)
        {
            return refusal;
        }

        var q = context.Request.Query["q"].ToString();
        var cancellationToken = context.RequestAborted;
        await using var connection = await databases.Portal.OpenConnectionAsync(cancellationToken);
        var groups = new List<(long Id, string Name, string Creator)>();
        await using (var command = new MySqlCommand("SELECT id, grp_name, create_user FROM grp WHERE grp_name LIKE @q ORDER BY grp_name LIMIT @limit", connection))
        {
            command.Parameters.AddWithValue("@q", "%" + HostGlob.EscapeLike(q) + "%");
            command.Parameters.AddWithValue("@limit", limit!.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                groups.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
            }
        }

        // Three queries for the whole page, not three per group.
        var ids = groups.Select(static g => g.Id).ToArray();
        var tags = await ListsAsync(connection, "SELECT grp_id, tag FROM falcon_grp_tag WHERE grp_id IN ({0})", ids, cancellationToken);
        var templates = await ListsAsync(connection, "SELECT DISTINCT gt.grp_id, t.tpl_name FROM grp_tpl gt JOIN tpl t ON t.id = gt.tpl_id WHERE gt.grp_id IN ({0})", ids, cancellationToken);
        var counts = new Dictionary<long, int>();
        await SqlLists.ReadAsync(connection, null, "SELECT gh.grp_id, COUNT(DISTINCT gh.host_id) FROM grp_host gh JOIN host h ON h.id = gh.host_id WHERE gh.grp_id IN ({0}) GROUP BY gh.grp_id", ids,
            reader => counts[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), cancellationToken);
        var list = groups.Select(g => new GroupSummary
        {
            Name = g.Name,
            Creator = g.Creator,
            Tags = tags.GetValueOrDefault(g.Id, []),
            Hosts = counts.GetValueOrDefault(g.Id),
            Templates = templates.GetValueOrDefault(g.Id, []),
        }).ToArray();
        return Results.Json(list, GroupsJsonContext.Default.GroupSummaryArray);
    }

    public async Task<IResult> GetAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = JsonBody.Route(context, "name");
        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        var document = await kind.ReadDocumentAsync(connection, null, name, context.RequestAborted);
        return document is null
            ? ConsoleResults.Message(StatusCodes.Status404NotFound, $"no host group named '{name}'")
            : Results.Json(document, GroupsJsonContext.Default.GroupDocument);
    }

    public async Task<IResult> CreateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (request, refusal) = await JsonBody.ReadAsync(context, GroupsJsonContext.Default.GroupRequest, RequestShape);
        if (refusal is not null)
        {
            return refusal;
        }

        var name = ConfigText.Name("name", request!.Name, "the group name");
        return await Refusals.RunAsync(async () =>
        {
            var (json, _) = await saver.SaveAsync(kind, name, "create", caller, async (connection, transaction) =>
            {
                if (await kind.FindAsync(connection, transaction, name, context.RequestAborted) is { } taken)
                {
                    throw ConsoleRefusal.Conflict($"a host group named '{taken.Name}' exists already");
                }

                var document = new GroupDocument { Name = name, Creator = caller.Name, Tags = request.Tags ?? [] };
                await kind.WriteDocumentAsync(connection, transaction, null, document, caller.Name, context.RequestAborted);
            }, context.RequestAborted);
            return JsonBody.Json(json!, StatusCodes.Status201Created);
        });
    }

    public async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = JsonBody.Route(context, "name");
        var (request, refusal) = await JsonBody.ReadAsync(context, GroupsJsonContext.Default.GroupRequest, RequestShape);
        if (refusal is not null)
        {
            return refusal;
        }

        var newName = request!.Name is null ? name : ConfigText.Name("name", request.Name, "the group name");
        var action = string.Equals(newName, name, StringComparison.Ordinal) ? "update" : "rename";
        return await ChangeAsync(context, caller, name, action, (document, connection, transaction) => Task.FromResult(
            new GroupDocument { Name = request.Name ?? document.Name, Creator = document.Creator, Tags = request.Tags ?? document.Tags, Hosts = document.Hosts, Templates = document.Templates }),
            auditName: newName, summary: action == "rename" ? $"renamed from {name}" : "");
    }

    public async Task<IResult> DeleteAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = JsonBody.Route(context, "name");
        return await Refusals.RunAsync(async () =>
        {
            await saver.SaveAsync(kind, name, "delete", caller, async (connection, transaction) =>
            {
                var existing = await kind.FindAsync(connection, transaction, name, context.RequestAborted)
                    ?? throw ConsoleRefusal.NotFound($"no host group named '{name}'");
                Refusals.DemandOwner(caller, existing.Creator, $"the host group '{existing.Name}'");
                await kind.WriteAsync(connection, transaction, name, null, caller.Name, context.RequestAborted);
            }, context.RequestAborted);
            return ConsoleResults.Message(StatusCodes.Status200OK, $"host group '{name}' deleted");
        });
    }

    public Task<IResult> BindAsync(HttpContext context, ConsoleCaller caller)
    {
        var template = JsonBody.Route(context, "template");
        return ChangeAsync(context, caller, JsonBody.Route(context, "name"), "update", (document, _, _) => Task.FromResult(
            Replace(document, templates: [.. document.Templates, ConfigText.Name("templates", template, "the template name")])),
            summary: $"bound template {template}");
    }

    public Task<IResult> UnbindAsync(HttpContext context, ConsoleCaller caller)
    {
        var template = JsonBody.Route(context, "template");
        return ChangeAsync(context, caller, JsonBody.Route(context, "name"), "update", (document, _, _) => Task.FromResult(
            Replace(document, templates: [.. document.Templates.Where(t => !string.Equals(t, template, StringComparison.OrdinalIgnoreCase))])),
            summary: $"unbound template {template}");
    }

    /// <summary>
    /// Reads the group in the save's transaction, checks the caller may change it, lets <paramref name="edit"/> give the
    /// new value, writes it and answers the group as saved.
    /// </summary>
    private async Task<IResult> ChangeAsync(HttpContext context, ConsoleCaller caller, string name, string action,
        Func<GroupDocument, MySqlConnection, MySqlTransaction, Task<GroupDocument>> edit, string? auditName = null, string summary = "")
    {
        var cancellationToken = context.RequestAborted;
        return await Refusals.RunAsync(async () =>
        {
            var (json, _) = await saver.SaveAsync(kind, name, action, caller, async (connection, transaction) =>
            {
                var existing = await kind.FindAsync(connection, transaction, name, cancellationToken)
                    ?? throw ConsoleRefusal.NotFound($"no host group named '{name}'");
                Refusals.DemandOwner(caller, existing.Creator, $"the host group '{existing.Name}'");
                var document = (await kind.ReadDocumentAsync(connection, transaction, name, cancellationToken))!;
                var changed = await edit(document, connection, transaction);
                if (await kind.FindAsync(connection, transaction, changed.Name, cancellationToken) is { } other && other.Id != existing.Id)
                {
                    throw ConsoleRefusal.Conflict($"a host group named '{other.Name}' exists already");
                }

                await kind.WriteDocumentAsync(connection, transaction, existing, changed, caller.Name, cancellationToken);
            }, cancellationToken, auditName, summary);
            return JsonBody.Json(json!);
        });
    }

    private static GroupDocument Replace(GroupDocument document, IReadOnlyList<string>? hosts = null, IReadOnlyList<string>? templates = null) => new()
    {
        Name = document.Name,
        Creator = document.Creator,
        Tags = document.Tags,
        Hosts = hosts ?? document.Hosts,
        Templates = templates ?? document.Templates,
    };

    private static async Task<Dictionary<long, IReadOnlyList<string>>> ListsAsync(MySqlConnection connection, string sql, long[] ids, CancellationToken cancellationToken)
    {
        var lists = new Dictionary<long, List<string>>();
        await SqlLists.ReadAsync(connection, null, sql, ids, reader =>
        {
            var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            if (!lists.TryGetValue(id, out var list))
            {
                lists.Add(id, list = []);
            }

            list.Add(reader.GetString(1));
        }, cancellationToken);
        return lists.ToDictionary(static p => p.Key, static p => (IReadOnlyList<string>)[.. p.Value.Order(StringComparer.Ordinal)]);
    }
}
