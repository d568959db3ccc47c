using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Console.Config.People;

/// <summary>Users and teams in the console: the two configuration kinds and their endpoints.</summary>
internal static class PeopleServiceCollectionExtensions
{
    public static IServiceCollection AddConsolePeople(this IServiceCollection services)
    {
        services.AddSingleton<UserKind>();
        services.AddSingleton<TeamKind>();
        // History restore and `falcon portal export|import` find every kind through IConfigKind.
        services.AddSingleton<IConfigKind>(static sp => sp.GetRequiredService<UserKind>());
        services.AddSingleton<IConfigKind>(static sp => sp.GetRequiredService<TeamKind>());
        services.AddSingleton<UserEndpoints>();
        services.AddSingleton<TeamEndpoints>();
        return services;
    }
}
