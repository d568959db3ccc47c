using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Falcon.Shared.Configuration;

namespace Falcon.Shared.Redis;

/// <summary>Registers the shared Redis connection once, however many roles ask for it.</summary>
internal static class RedisServiceCollectionExtensions
{
    public static IServiceCollection AddFalconRedis(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RedisConnection)))
        {
            return services;
        }

        services.AddFalconOptions<RedisOptions, RedisOptionsValidator>(RedisOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.TryAddSingleton<RedisConnection>();
        return services;
    }
}
