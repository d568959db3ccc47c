using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;

namespace Falcon.Shared.Tsdb;

/// <summary>Registers the TSDB options and clients once, however many roles ask for them.</summary>
internal static class TsdbServiceCollectionExtensions
{
    /// <summary>The IHttpClientFactory name both TSDB clients use.</summary>
    public const string HttpClientName = "Falcon.Tsdb";

    public static IServiceCollection AddFalconTsdb(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RemoteWriteClient)))
        {
            return services;
        }

        services.AddFalconOptions<TsdbOptions, TsdbOptionsValidator>(TsdbOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        // The clients apply tsdb.timeout per call themselves, so the factory's client never times out on its own
        // (HttpClient's 100 s default would otherwise cut a longer configured timeout short).
        // Both clients are singletons holding one HttpClient, so DNS changes are picked up by recycling pooled
        // connections rather than by the factory's handler rotation.
        services.AddHttpClient(HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
        services.TryAddSingleton(static sp => new RemoteWriteClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<TsdbOptions>>(),
            sp.GetRequiredService<ILogger<RemoteWriteClient>>()));
        services.TryAddSingleton(static sp => new PrometheusQueryClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<TsdbOptions>>()));
        return services;
    }
}
