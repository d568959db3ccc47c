using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Console.Config.Groups;

/// <summary>The console's host groups, service tree, maintenance windows, host strategies and history.</summary>
internal static class ConsoleGroupsServices
{
    public static IServiceCollection AddConsoleGroups(this IServiceCollection services)
    {
        services.AddSingleton<GroupKind>();
        services.AddSingleton<HostKind>();
        // History restore and `falcon portal export|import` find the kinds as IConfigKind.
        services.AddSingleton<IConfigKind>(static sp => sp.GetRequiredService<GroupKind>());
        services.AddSingleton<IConfigKind>(static sp => sp.GetRequiredService<HostKind>());
        services.AddSingleton<GroupEndpoints>();
        services.AddSingleton<TreeEndpoints>();
        services.AddSingleton<MaintenanceEndpoints>();
        services.AddSingleton<HostStrategyEndpoints>();
        services.AddSingleton<History.HistoryEndpoints>();
        return services;
    }
}
