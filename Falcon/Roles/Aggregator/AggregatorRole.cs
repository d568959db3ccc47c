using Falcon.Hosting;
using Falcon.Hosting.Http;
using Falcon.Roles.Aggregator.Compute;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Roles.Aggregator.Http;
using Falcon.Roles.Aggregator.Inputs;
using Falcon.Roles.Aggregator.Output;
using Falcon.Roles.Aggregator.Scaling;
using Falcon.Roles.Aggregator.Targets;
using Falcon.Shared.Configuration;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator;

/// <summary>Group-level metrics: definitions from MySQL, hosts from hbs, values from the TSDB, results to transfer; shared over instances through Redis.</summary>
internal static class AggregatorRole
{
    public const string Name = "aggregator";

    /// <summary>The IHttpClientFactory name of the hbs client.</summary>
    public const string HbsHttpClientName = "Falcon.Aggregator.Hbs";

    public static RoleDescriptor Descriptor { get; } = new(Name, "group-level metrics (sum, avg, percentiles, cluster table) pushed back to transfer, sharded over instances", b => b.AddAggregatorRole());

    public static IHostApplicationBuilder AddAggregatorRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconRedis();
        services.AddFalconMySql();
        services.AddFalconTsdb();
        services.TryAddSingleton(TimeProvider.System);

        services.AddFalconOptions<AggregatorOptions, AggregatorOptionsValidator>(AggregatorOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        services.AddHttpClient(HbsHttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<AggregatorMetrics>();
        services.AddSingleton<AggregatorIdentity>();
        services.AddSingleton<IHostLists>(sp => new HbsHostLists(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HbsHttpClientName),
            sp.GetRequiredService<IOptions<AggregatorOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<AggregatorMetrics>(),
            sp.GetRequiredService<ILogger<HbsHostLists>>()));
        services.AddSingleton<QueryGate>();
        services.AddSingleton<TsdbValues>();
        services.AddSingleton<StepComputer>();
        services.AddSingleton<TransferPusher>();
        services.AddSingleton<LastResults>();
        services.AddSingleton<StepFence>();
        services.AddSingleton<DefinitionReader>();

        // Hosted services start in order and stop in reverse: definitions and registration first, the scheduler last
        // (it stops first, so it never computes while this instance is leaving the live set).
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DefinitionStore>());
        services.AddSingleton<InstanceRegistry>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<InstanceRegistry>());
        services.AddSingleton<StepScheduler>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StepScheduler>());

        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<AggregatorOptions>>().Value.HttpListen, AggregatorHttpRoutes.Map);
        return builder;
    }
}
