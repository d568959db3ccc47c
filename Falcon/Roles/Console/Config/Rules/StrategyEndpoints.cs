using Falcon.Roles.Console.Auth;
using Falcon.Shared.Portal;
using Microsoft.AspNetCore.Http;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// One strategy at a time (`POST /api/templates/{name}/strategies`, `PUT|DELETE /api/strategies/{id}`) and a template's
/// action (`PUT|DELETE /api/templates/{name}/action`). A strategy is edited in its row, so its id (part of judge and
/// alarm event ids) stays; each change is audited as a change of its template.
/// </summary>
internal sealed class StrategyEndpoints(TemplateKind kind, TemplateEndpoints templates, ActionStore actions, ConfigSaver saver, FalconDatabases databases)
{
    private const string StrategyShape = "a strategy {\"metric\",\"tags\",\"func\",\"op\",\"rightValue\",\"maxStep\",\"priority\",\"runBegin\",\"runEnd\",\"note\"}";
    private const string ActionShape = "an action {\"teams\",\"url\",\"callback\",...,\"phone\",\"im\",\"groupChat\",\"groupChats\",\"escalations\"}";

    public async Task<IResult> AddAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var (strategy, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.StrategyDocument, StrategyShape);
        if (strategy is null)
        {
            return error!;
        }

        var refusal = await templates.RefusalAsync(name, caller, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        await kind.CheckStrategyAsync(strategy, context.RequestAborted);
        long id = 0;
        await saver.SaveAsync(kind, name, "update", caller, async (connection, transaction) =>
        {
            var row = await TemplateKind.FindAsync(connection, transaction, name, context.RequestAborted)
                ?? throw new ConfigValidationException("name", $"template '{name}' was deleted meanwhile");
            id = await TemplateKind.WriteStrategyAsync(connection, transaction, row.Id, null, strategy, context.RequestAborted);
        }, context.RequestAborted, summary: $"strategy {strategy.Metric} added");
        strategy.Id = id;
        return Results.Json(strategy, RulesJson.Context.StrategyDocument, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> UpdateAsync(HttpContext context, ConsoleCaller caller)
    {
        var (strategy, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.StrategyDocument, StrategyShape);
        if (strategy is null)
        {
            return error!;
        }

        var (template, refusal) = await TemplateOfAsync(context, caller);
        if (template is null)
        {
            return refusal!;
        }

        var id = RulesRequests.RouteId(context)!.Value;
        await kind.CheckStrategyAsync(strategy, context.RequestAborted);
        await saver.SaveAsync(kind, template.Name, "update", caller, async (connection, transaction) =>
        {
            await TemplateKind.WriteStrategyAsync(connection, transaction, template.Id, id, strategy, context.RequestAborted);
        }, context.RequestAborted, summary: $"strategy {id} ({strategy.Metric}) changed");
        strategy.Id = id;
        return Results.Json(strategy, RulesJson.Context.StrategyDocument);
    }

    public async Task<IResult> DeleteAsync(HttpContext context, ConsoleCaller caller)
    {
        var (template, refusal) = await TemplateOfAsync(context, caller);
        if (template is null)
        {
            return refusal!;
        }

        var id = RulesRequests.RouteId(context)!.Value;
        await saver.SaveAsync(kind, template.Name, "update", caller,
            (connection, transaction) => RulesSql.ExecuteAsync(connection, transaction, "DELETE FROM strategy WHERE id = @id AND tpl_id = @tpl", context.RequestAborted, ("@id", id), ("@tpl", template.Id)),
            context.RequestAborted, summary: $"strategy {id} removed");
        return ConsoleResults.Message(StatusCodes.Status200OK, $"strategy {id} removed from template '{template.Name}'");
    }

    public async Task<IResult> PutActionAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var (action, error) = await ConfigRequests.BodyAsync(context, RulesJson.Context.ActionDocument, ActionShape);
        if (action is null)
        {
            return error!;
        }

        var refusal = await templates.RefusalAsync(name, caller, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        await actions.CheckAsync(action, "", context.RequestAborted);
        await SetActionAsync(name, action, caller, context.RequestAborted);
        return Results.Json(action, RulesJson.Context.ActionDocument);
    }

    public async Task<IResult> DeleteActionAsync(HttpContext context, ConsoleCaller caller)
    {
        var name = RulesRequests.Route(context, "name");
        var refusal = await templates.RefusalAsync(name, caller, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        await SetActionAsync(name, null, caller, context.RequestAborted);
        return ConsoleResults.Message(StatusCodes.Status200OK, $"the action of template '{name}' removed: its alarms notify nobody");
    }

    private Task<(string? Json, bool Changed)> SetActionAsync(string name, ActionDocument? action, ConsoleCaller caller, CancellationToken cancellationToken) =>
        saver.SaveAsync(kind, name, "update", caller, async (connection, transaction) =>
        {
            var row = await TemplateKind.FindAsync(connection, transaction, name, cancellationToken)
                ?? throw new ConfigValidationException("name", $"template '{name}' was deleted meanwhile");
            var actionId = await ActionStore.WriteAsync(connection, transaction, row.ActionId, action, cancellationToken);
            await RulesSql.ExecuteAsync(connection, transaction, "UPDATE tpl SET action_id = @action WHERE id = @id", cancellationToken, ("@action", actionId), ("@id", row.Id));
        }, cancellationToken, summary: action is null ? "action removed" : "action set");

    // The template holding strategy {id}, after the permission check; or the answer to give instead.
    private async Task<(TemplateRow? Template, IResult? Refusal)> TemplateOfAsync(HttpContext context, ConsoleCaller caller)
    {
        var id = RulesRequests.RouteId(context);
        if (id is null)
        {
            return (null, RulesRequests.NotFound($"strategy '{RulesRequests.Route(context, "id")}'"));
        }

        await using var connection = await databases.Portal.OpenConnectionAsync(context.RequestAborted);
        var templateId = await RulesSql.NumberAsync(connection, null, "SELECT tpl_id FROM strategy WHERE id = @id", context.RequestAborted, ("@id", id.Value));
        var template = templateId is null ? null : await TemplateKind.FindByIdAsync(connection, null, templateId.Value, context.RequestAborted);
        if (template is null)
        {
            return (null, RulesRequests.NotFound($"strategy {id}"));
        }

        return RulesRequests.MayChange(caller, template.Creator)
            ? (template, null)
            : (null, RulesRequests.Forbidden($"template '{template.Name}'", template.Creator));
    }
}
