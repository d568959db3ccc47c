using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>`/api/expressions`: list, create, edit and delete by id; audited as kind `expression`, named by the text.</summary>
internal sealed class ExpressionEndpoints(ExpressionKind kind, ConfigSaver saver, FalconDatabases databases)
{
    private const string Shape = "an expression {\"expression\",\"func\",\"op\",\"rightValue\",\"maxStep\",\"priority\",\"note\",\"pause\",\"action\"}";

    public async Task<IResult> ListAsync(HttpContext context, ConsoleCaller caller)
    {
        var (q, limit) = ConfigRequests.ListFilter(context);
        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        var list = (await ExpressionKind.ListAsync(connection, context.RequestAborted)).Where(e => RulesRequests.Matches(e.Expression, q)).Take(limit).ToList();
        return Results.Json(list, RulesJson.Context.ListExpressionDocument);
    }

    public async Task<IResult> CreateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (document, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.ExpressionDocument, Shape);
        if (document is null)
        {
            return error!;
        }

        document.Creator = caller.Name;
        await kind.CheckAsync(document, context.RequestAborted);
        long id = 0;
        await saver.SaveAsync(kind, document.Expression, "create", caller, async (connection, transaction) =>
        {
            if (await ExpressionKind.FindAsync(connection, transaction, document.Expression, context.RequestAborted) is not null)
            {
                throw new ConfigValidationException("expression", $"the expression '{document.Expression}' exists already: edit that one");
            }

            id = await ExpressionKind.SaveAsync(connection, transaction, null, document, caller.Name, context.RequestAborted);
        }, context.RequestAborted);
        document.Id = id;
        return Results.Json(document, RulesJson.Context.ExpressionDocument, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>`PUT /api/expressions/{id}`: a changed text renames the audited object.</summary>
    public async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (document, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.ExpressionDocument, Shape);
        if (document is null)
        {
            return error!;
        }

        var (current, refusal) = await CurrentAsync(context, caller);
        if (current is null)
        {
            return refusal!;
        }

        var id = current.Id!.Value;
        document.Creator = current.Creator;
        await kind.CheckAsync(document, context.RequestAborted);
        await saver.SaveAsync(kind, current.Expression, "update", caller, async (connection, transaction) =>
        {
            var same = await ExpressionKind.FindAsync(connection, transaction, document.Expression, context.RequestAborted);
            if (same is not null && same.Value.Document.Id != id)
            {
                throw new ConfigValidationException("expression", $"the expression '{document.Expression}' exists already");
            }

            await ExpressionKind.SaveAsync(connection, transaction, id, document, caller.Name, context.RequestAborted);
        }, context.RequestAborted, auditName: document.Expression, summary: document.Expression == current.Expression ? "" : $"was {current.Expression}");
        document.Id = id;
        return Results.Json(document, RulesJson.Context.ExpressionDocument);
    }

    public async Task<IResult> DeleteAsync(HttpContext context, ConsoleCaller caller)
    {
        var (current, refusal) = await CurrentAsync(context, caller);
        if (current is null)
        {
            return refusal!;
        }

        await saver.SaveAsync(kind, current.Expression, "delete", caller, async (connection, transaction) =>
        {
            var actionId = await RulesSql.NumberAsync(connection, transaction, "SELECT action_id FROM expression WHERE id = @id", context.RequestAborted, ("@id", current.Id!.Value)) ?? 0;
            await ExpressionKind.DeleteAsync(connection, transaction, current.Id!.Value, actionId, context.RequestAborted);
        }, context.RequestAborted);
        return ConsoleResults.Message(StatusCodes.Status200OK, $"expression {current.Id} deleted");
    }

    private async Task<(ExpressionDocument? Current, IResult? Refusal)> CurrentAsync(HttpContext context, ConsoleCaller caller)
    {
        var id = RulesRequests.RouteId(context);
        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        var current = id is null ? null : await ExpressionKind.FindByIdAsync(connection, null, id.Value, context.RequestAborted);
        if (current is null)
        {
            return (null, RulesRequests.NotFound($"expression '{RulesRequests.Route(context, "id")}'"));
        }

        return RulesRequests.MayChange(caller, current.Creator)
            ? (current, null)
            : (null, RulesRequests.Forbidden($"expression {id}", current.Creator));
    }
}
