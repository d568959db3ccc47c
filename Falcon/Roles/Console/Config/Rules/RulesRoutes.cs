using Falcon.Roles.Console.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>The routes of templates, strategies, actions, expressions, aggregates and the fields' help.</summary>
internal static class RulesRoutes
{
    public static void Map(
        IEndpointRouteBuilder endpoints, IServiceProvider root,
        Func<Func<HttpContext, ConsoleCaller, Task<IResult>>, RequestDelegate> read,
        Func<Func<HttpContext, ConsoleCaller, Task<IResult>>, RequestDelegate> change)
    {
        var templates = root.GetRequiredService<TemplateEndpoints>();
        var strategies = root.GetRequiredService<StrategyEndpoints>();
        var expressions = root.GetRequiredService<ExpressionEndpoints>();
        var aggregates = root.GetRequiredService<AggregateEndpoints>();

        endpoints.MapGet("/api/rules/help", read(static (_, _) => Task.FromResult(Results.Json(RulesHelp.Instance, RulesJson.Context.RulesHelp))));

        endpoints.MapGet("/api/templates", read(templates.ListAsync));
        endpoints.MapPost("/api/templates", change(templates.CreateAsync));
        endpoints.MapGet("/api/templates/{name}", read(templates.GetAsync));
        endpoints.MapPut("/api/templates/{name}", change(templates.UpdateAsync));
        endpoints.MapDelete("/api/templates/{name}", change(templates.DeleteAsync));
        endpoints.MapPost("/api/templates/{name}/strategies", change(strategies.AddAsync));
        endpoints.MapPut("/api/templates/{name}/action", change(strategies.PutActionAsync));
        endpoints.MapDelete("/api/templates/{name}/action", change(strategies.DeleteActionAsync));
        endpoints.MapPut("/api/strategies/{id}", change(strategies.UpdateAsync));
        endpoints.MapDelete("/api/strategies/{id}", change(strategies.DeleteAsync));

        endpoints.MapGet("/api/expressions", read(expressions.ListAsync));
        endpoints.MapPost("/api/expressions", change(expressions.CreateAsync));
        endpoints.MapPut("/api/expressions/{id}", change(expressions.UpdateAsync));
        endpoints.MapDelete("/api/expressions/{id}", change(expressions.DeleteAsync));

        endpoints.MapGet("/api/aggregates", read(aggregates.ListAsync));
        endpoints.MapPost("/api/aggregates", change(aggregates.CreateAsync));
        endpoints.MapGet("/api/aggregates/{name}", read(aggregates.GetAsync));
        endpoints.MapPut("/api/aggregates/{name}", change(aggregates.UpdateAsync));
        endpoints.MapDelete("/api/aggregates/{name}", change(aggregates.DeleteAsync));
    }
}
