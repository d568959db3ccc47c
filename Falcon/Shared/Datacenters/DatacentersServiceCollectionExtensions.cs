using Falcon.Shared.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

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
        services.AddFalconOptions<DatacentersOptions, DatacentersOptionsValidator>(
            DatacentersOptions.SectionName,
            static (o, section) => o.Configure<IConfiguration>((options, c) => c.GetSection(section).Bind(options.Items)),
            static (section, options) => options.Items.Select((dc, i) => new KeyValuePair<string, string>(
                $"{section}.{i}", $"{dc.Name}: hbs [{string.Join(", ", dc.Hbs)}], queryUrl {OptionsSectionExtensions.Mask("queryUrl", dc.QueryUrl)}, "
                + $"apiUrl {OptionsSectionExtensions.Mask("apiUrl", dc.ApiUrl)}, apiToken {OptionsSectionExtensions.Mask("apiToken", dc.ApiToken)}")));
        services.AddFalconOptions<DatacenterMapOptions, DatacenterMapOptionsValidator>(DatacenterMapOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        services.TryAddSingleton<DatacenterList>();
        services.TryAddSingleton<DatacenterMap>();
        services.TryAddSingleton<DatacenterMapRefresher>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DatacenterMapRefresher>());
        return services;
    }
}
