using Falcon.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;

namespace Falcon.Roles.Alarm.Search;

/// <summary>Registers the alarm records search.</summary>
internal static class AlarmSearchServiceCollectionExtensions
{
    /// <summary>Options `alarm.search` (validated at start), the shared MySQL databases, the caller resolver, the visibility map and the case store.</summary>
    public static IServiceCollection AddAlarmSearch(this IServiceCollection services)
    {
        services.AddFalconOptions<AlarmSearchOptions, AlarmSearchOptionsValidator>(AlarmSearchOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddOptions<HostingOptions>();
        services.AddFalconMySql();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AlarmCallerResolver(
            sp.GetRequiredService<FalconDatabases>(),
            () => sp.GetRequiredService<IOptions<HostingOptions>>().Value.AdminToken,
            sp.GetRequiredService<IOptions<AlarmSearchOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ActionVisibility>();
        services.TryAddSingleton<AlarmCaseStore>();
        return services;
    }
}
