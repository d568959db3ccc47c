using Falcon.Shared.Redis;
using Falcon.Shared.Silences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>Registers silences for the alarm role.</summary>
internal static class SilenceServiceCollectionExtensions
{
    /// <summary>Options `alarm.silences` (validated at start), the shared Redis connection, the store, the link signer, metrics and the sync loop.</summary>
    public static IServiceCollection AddSilences(this IServiceCollection services)
    {
        services.AddFalconOptions<SilenceOptions, SilenceOptionsValidator>(SilenceOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.AddOptions<HostingOptions>();
        services.AddFalconRedis();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SilenceStore(
            sp.GetRequiredService<RedisConnection>(),
            new SilenceKeys(sp.GetRequiredService<IOptions<SilenceOptions>>().Value.KeyPrefix),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SilenceLinks>();
        services.TryAddSingleton<SilenceMetrics>();
        services.TryAddSingleton<SilenceSync>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SilenceSync>(sp => sp.GetRequiredService<SilenceSync>()));
        return services;
    }
}
