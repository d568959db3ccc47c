using Falcon.Hosting;
using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>Registers the upgrade orchestration for the hbs role.</summary>
internal static class UpgradeServiceCollectionExtensions
{
    /// <summary>Options `hbs.upgrade` (validated at start), the shared Redis connection and one <see cref="UpgradeCoordinator"/>.</summary>
    public static IServiceCollection AddHbsUpgrade(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<HbsUpgradeOptions>().BindConfiguration(HbsUpgradeOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HbsUpgradeOptions>, HbsUpgradeOptionsValidator>());
        services.AddOptionsSection<HbsUpgradeOptions>("hbs.upgrade");
        services.AddFalconRedis();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UpgradeMetrics>();
        services.TryAddSingleton<UpgradeCoordinator>();
        return services;
    }
}
