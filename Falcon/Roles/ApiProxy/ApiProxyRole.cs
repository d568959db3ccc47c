using Falcon.Hosting;
using Falcon.Hosting.Http;
using Falcon.Shared.Configuration;
using Falcon.Roles.ApiProxy.Auth;
using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Roles.ApiProxy.Graph;
using Falcon.Roles.ApiProxy.Prometheus;
using Falcon.Shared.Datacenters;
using Falcon.Shared.Portal;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.ApiProxy;

/// <summary>One query address over every datacenter: open-falcon's graph API and PromQL, fanned out in parallel and merged.</summary>
internal static class ApiProxyRole
{
    public const string Name = "apiproxy";

    public static RoleDescriptor Descriptor { get; } = new(Name, "open-falcon graph API and PromQL over every datacenter, fanned out and merged", b => b.AddApiProxyRole());

    public static IHostApplicationBuilder AddApiProxyRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconTsdb();
        services.AddFalconMySql();
        services.AddFalconDatacenters();

        services.AddFalconOptions<ApiProxyOptions, ApiProxyOptionsValidator>(ApiProxyOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        services.AddSingleton<ApiProxyMetrics>();
        services.AddSingleton<DatacenterBackends>();
        services.AddSingleton<QueryFanOut>();
        services.AddSingleton<ApiProxyAuthenticator>();
        services.AddSingleton<ApiHttp>();
        services.AddSingleton<GraphReader>();
        services.AddSingleton<GraphEndpoints>();
        services.AddSingleton<GrafanaEndpoints>();
        services.AddSingleton<PromEndpoints>();

        // One /health line per datacenter; the list is read from configuration here because checks are named at registration.
        var datacenters = new DatacenterList(
            Options.Create(ReadDatacenters(builder)), builder.Configuration).All;
        var health = services.AddHealthChecks();
        foreach (var dc in datacenters)
        {
            health.Add(new HealthCheckRegistration(
                $"datacenter {dc.Name}",
                sp => new DatacenterHealthCheck(sp.GetRequiredService<DatacenterMap>().Datacenters.First(d => d.Name == dc.Name), sp.GetRequiredService<DatacenterBackends>(), sp.GetRequiredService<DatacenterMap>()),
                HealthStatus.Unhealthy,
                [Name]));
        }

        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<ApiProxyOptions>>().Value.HttpListen, ApiProxyRoutes.Map);
        return builder;
    }

    private static DatacentersOptions ReadDatacenters(IHostApplicationBuilder builder)
    {
        var options = new DatacentersOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(builder.Configuration.GetSection(DatacentersOptions.SectionName), options.Items);
        return options;
    }
}
