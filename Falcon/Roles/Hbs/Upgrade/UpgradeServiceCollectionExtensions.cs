using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>Registers the upgrade orchestration for the hbs role.</summary>
internal static class UpgradeServiceCollectionExtensions
{
    /// <summary>Options `hbs.upgrade` (validated at start), the shared Redis connection and one <see cref="UpgradeCoordinator"/>.</summary>
    public static IServiceCollection AddHbsUpgrade(this IServiceCollection services)
    {
        services.AddFalconOptions<HbsUpgradeOptions, HbsUpgradeOptionsValidator>(HbsUpgradeOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddFalconRedis();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpgradeMetrics>();
        services.TryAddSingleton<UpgradeCoordinator>();
        return services;
    }
}
