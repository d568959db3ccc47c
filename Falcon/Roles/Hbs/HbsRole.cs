using Falcon.Hosting;
using Falcon.Hosting.Http;
using Falcon.Roles.Hbs.Agents;
using Falcon.Roles.Hbs.Cache;
using Falcon.Roles.Hbs.Config;
using Falcon.Roles.Hbs.Http;
using Falcon.Roles.Hbs.Rpc;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Configuration;
using Falcon.Shared.Portal;
using Falcon.Shared.Redis;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Falcon.Hosting.Health;

namespace Falcon.Roles.Hbs;

/// <summary>The heartbeat server: agent registry, agent and judge configuration, fleet upgrades.</summary>
internal static class HbsRole
{
    public const string Name = "hbs";

    public static RoleDescriptor Descriptor { get; } = new(Name, "heartbeat server: agents, configuration for agents and judges, fleet upgrades", b => b.AddHbsRole());

    public static IHostApplicationBuilder AddHbsRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconRedis();
        services.AddFalconMySql();

        services.AddFalconOptions<HbsOptions, HbsOptionsValidator>(HbsOptions.SectionName, static (o, section) => o.BindConfiguration(section));

        services.AddSingleton<AgentRegistry>();
        services.TryAddSingleton<DeadLetterTally>();
        services.AddSingleton<HostTable>();
        services.AddSingleton<HostWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<HostWriter>());
        services.AddHostedService<AgentEvictionService>();

        services.AddSingleton<PortalSnapshotLoader>();
        services.AddHbsSnapshotCache<PortalSnapshotSource>();
        services.AddSingleton<HbsConfig>();

        services.AddSingleton<IAgentVersions, RegistryAgentVersions>();
        services.AddHbsUpgrade();

        services.AddSingleton<HbsRpcHandlers>();
        services.AddSingleton<HbsListenGate>();
        builder.AddRoleRpcListener(
            Name,
            sp => sp.GetRequiredService<IOptions<HbsOptions>>().Value.RpcListen,
            HbsTelemetry.MeterName,
            HbsRpcMethods.Register,
            (sp, ct) => sp.GetRequiredService<HbsListenGate>().WaitAsync(ct));

        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<HbsOptions>>().Value.HttpListen, HbsHttpRoutes.Map);
        builder.AddRoleHealthChecks(Name, RoleDependencies.Redis | RoleDependencies.MySql);
        builder.AddStallHealthCheck(Name, "hbs.hostwriter", "host rows to falcon_portal.host", HostWriter.WorkerName);
        builder.AddDeadLetterHealthCheck(Name, "the refused rows are in the hbs log (event 2105) and falcon_hbs_host_rows_dead_lettered");
        return builder;
    }
}
