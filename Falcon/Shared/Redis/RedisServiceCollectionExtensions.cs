using Falcon.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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

        services.AddOptionsWithValidateOnStart<RedisOptions>().BindConfiguration(RedisOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        services.AddOptionsSection<RedisOptions>(RedisOptions.SectionName);
        services.TryAddSingleton<RedisConnection>();
        return services;
    }
}
