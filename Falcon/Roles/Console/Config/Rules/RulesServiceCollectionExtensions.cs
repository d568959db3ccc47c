using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>Registers the rules kinds (found by history restore and `falcon portal export|import` through DI) and their endpoints.</summary>
internal static class RulesServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleRules(this IServiceCollection services)
    {
        services.AddSingleton<ActionStore>();
        services.AddSingleton<TemplateKind>();
        services.AddSingleton<IConfigKind>(static sp => sp.GetRequiredService<TemplateKind>());
        services.AddSingleton<ExpressionKind>();
        services.AddSingleton<IConfigKind>(static sp => sp.GetRequiredService<ExpressionKind>());
        services.AddSingleton<AggregateKind>();
        services.AddSingleton<IConfigKind>(static sp => sp.GetRequiredService<AggregateKind>());
        services.AddSingleton<TemplateEndpoints>();
        services.AddSingleton<ExpressionEndpoints>();
        services.AddSingleton<AggregateEndpoints>();
        services.AddSingleton<StrategyEndpoints>();
        return services;
    }
}
