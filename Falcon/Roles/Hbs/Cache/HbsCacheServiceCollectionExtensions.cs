using System.Diagnostics.CodeAnalysis;
using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>Registers the snapshot cache with its options, the shared Redis connection and lock, and a source.</summary>
internal static class HbsCacheServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SnapshotCache"/> (a singleton, also run as a hosted service) fed by <typeparamref name="TSource"/>.</summary>
    public static IServiceCollection AddHbsSnapshotCache<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>(this IServiceCollection services)
        where TSource : class, ISnapshotSource
    {
        services.AddFalconRedis();
        services.AddFalconOptions<HbsCacheOptions, HbsCacheOptionsValidator>(HbsCacheOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisLock>();
        services.TryAddSingleton<ISnapshotSource, TSource>();
        services.TryAddSingleton<SnapshotCache>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotCache>());
        services.AddHostedService<ChangeSignalListener>();
        return services;
    }
}
