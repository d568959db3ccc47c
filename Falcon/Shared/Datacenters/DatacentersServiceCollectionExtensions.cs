using Falcon.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Shared.Datacenters;

/// <summary>Registers the datacenter list and the endpoint → datacenter map once, however many roles ask for them.</summary>
internal static class DatacentersServiceCollectionExtensions
{
    public static IServiceCollection AddFalconDatacenters(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(DatacenterMap)))
        {
            return services;
        }

        // `datacenters` is a list at the top level, so it binds into Items rather than through BindConfiguration.
        services.AddOptionsWithValidateOnStart<DatacentersOptions>()
            .Configure<IConfiguration>(static (o, c) => c.GetSection(DatacentersOptions.SectionName).Bind(o.Items));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatacentersOptions>, DatacentersOptionsValidator>());
        services.AddOptionsWithValidateOnStart<DatacenterMapOptions>().BindConfiguration(DatacenterMapOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatacenterMapOptions>, DatacenterMapOptionsValidator>());
        services.AddOptionsSection<DatacenterMapOptions>(DatacenterMapOptions.SectionName);

        services.TryAddSingleton<DatacenterList>();
        services.TryAddSingleton<DatacenterMap>();
        services.TryAddSingleton<DatacenterMapRefresher>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DatacenterMapRefresher>());
        return services;
    }
}
