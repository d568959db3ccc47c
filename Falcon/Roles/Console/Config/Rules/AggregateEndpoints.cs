using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>`/api/aggregates`: the aggregator role's definitions by name; audited as kind `aggregate`.</summary>
internal sealed class AggregateEndpoints(AggregateKind kind, ConfigSaver saver, FalconDatabases databases)
{
    private const string Shape = "an aggregate {\"name\",\"targetKind\",\"target\",\"counter\",\"methods\",\"endpoint\",\"metric\",\"tags\",\"step\",\"seriesStep\",\"enabled\"}";

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var (q, limit) = ConfigRequests.ListFilter(context);
        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        var list = (await AggregateKind.ListAsync(connection, context.RequestAborted)).Where(a => RulesRequests.Matches(a.Name, q)).Take(limit).ToList();
        return Results.Json(list, RulesJson.Context.ListAggregateDocument);
    }

    public async Task<IResult> GetAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        var found = await AggregateKind.FindAsync(connection, null, name, context.RequestAborted);
        return found is null ? RulesRequests.NotFound($"aggregate '{name}'") : Results.Json(found.Value.Document, RulesJson.Context.AggregateDocument);
    }

    public async Task<IResult> CreateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (document, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.AggregateDocument, Shape);
        if (document is null)
        {
            return error!;
        }

        document.Creator = caller.Name;
        AggregateKind.Check(document);
        await saver.SaveAsync(kind, document.Name, "create", caller, async (connection, transaction) =>
        {
            if (await AggregateKind.FindAsync(connection, transaction, document.Name, context.RequestAborted) is not null)
            {
                throw new ConfigValidationException("name", $"an aggregate named '{document.Name}' exists already");
            }

            await AggregateKind.SaveAsync(connection, transaction, null, document, caller.Name, context.RequestAborted);
        }, context.RequestAborted);
        return Results.Json(document, RulesJson.Context.AggregateDocument, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>`PUT /api/aggregates/{name}`: the whole aggregate; a different `name` renames it.</summary>
    public async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var (document, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.AggregateDocument, Shape);
        if (document is null)
        {
            return error!;
        }

        var (current, refusal) = await CurrentAsync(name, caller, context.RequestAborted);
        if (current is null)
        {
            return refusal!;
        }

        document.Name = string.IsNullOrWhiteSpace(document.Name) ? name : document.Name;
        document.Creator = current.Value.Document.Creator;
        AggregateKind.Check(document);
        await saver.SaveAsync(kind, name, "update", caller, async (connection, transaction) =>
        {
            var same = await AggregateKind.FindAsync(connection, transaction, document.Name, context.RequestAborted);
            if (same is not null && same.Value.Id != current.Value.Id)
            {
                throw new ConfigValidationException("name", $"an aggregate named '{document.Name}' exists already");
            }

            await AggregateKind.SaveAsync(connection, transaction, current.Value.Id, document, caller.Name, context.RequestAborted);
        }, context.RequestAborted, auditName: document.Name, summary: document.Name == name ? "" : $"renamed from {name}");
        return Results.Json(document, RulesJson.Context.AggregateDocument);
    }

    public async Task<IResult> DeleteAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var (current, refusal) = await CurrentAsync(name, caller, context.RequestAborted);
        if (current is null)
        {
            return refusal!;
        }

        await saver.SaveAsync(kind, name, "delete", caller,
            (connection, transaction) => kind.WriteAsync(connection, transaction, name, null, caller.Name, context.RequestAborted), context.RequestAborted);
        return ConsoleResults.Message(StatusCodes.Status200OK, $"aggregate '{name}' deleted");
    }

    private async Task<((AggregateDocument Document, long Id)? Current, IResult? Refusal)> CurrentAsync(string name, ConsoleCaller caller, CancellationToken cancellationToken)
    {
        await using var connection = await databases.Portal.OpenConnectionAsync(cancellationToken);
        var current = await AggregateKind.FindAsync(connection, null, name, cancellationToken);
        if (current is null)
        {
            return (null, RulesRequests.NotFound($"aggregate '{name}'"));
        }

        return RulesRequests.MayChange(caller, current.Value.Document.Creator)
            ? (current, null)
            : (null, RulesRequests.Forbidden($"aggregate '{name}'", current.Value.Document.Creator));
    }
}
