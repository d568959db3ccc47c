using Falcon.Roles.Console.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Config.People;

/// <summary>Users and teams in the console: the two configuration kinds and their endpoints, LDAP sign-in, and the audit of actions.</summary>
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
        services.AddSingleton<ActionAudit>();
        services.AddSingleton<LdapDirectory>();
        services.AddSingleton<LdapUsers>();
        services.AddSingleton(static sp => new LdapSignIn(
            sp.GetRequiredService<LdapDirectory>(), sp.GetRequiredService<LdapUsers>(), sp.GetRequiredService<IOptions<ConsoleOptions>>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Falcon.Console")));
        return services;
    }
}
