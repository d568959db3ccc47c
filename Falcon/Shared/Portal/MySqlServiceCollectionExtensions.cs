using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Falcon.Shared.Configuration;

namespace Falcon.Shared.Portal;

/// <summary>Registers the MySQL side that roles share.</summary>
internal static class MySqlServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="MySqlOptions"/> (section <c>mysql</c>), one <see cref="FalconDatabases"/>
    /// for the process and the <see cref="SchemaMigrator"/>. Safe to call from every role.
    /// </summary>
    public static IServiceCollection AddFalconMySql(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(static d => d.ServiceType == typeof(FalconDatabases)))
        {
            return services; // a second role in the same process: everything is registered already
        }

        services.AddFalconOptions<MySqlOptions, MySqlOptionsValidator>(MySqlOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FalconDatabases>();
        services.TryAddSingleton<SchemaMigrator>();
        return services;
    }
}
