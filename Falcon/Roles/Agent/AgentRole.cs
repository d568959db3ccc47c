using Falcon.Hosting;
using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Heartbeat;
using Falcon.Roles.Agent.Http;
using Falcon.Roles.Agent.Ntp;
using Falcon.Roles.Agent.Push;
using Falcon.Roles.Agent.Scheduling;
using Falcon.Roles.Agent.Upgrade;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Http;

namespace Falcon.Roles.Agent;

/// <summary>The host agent: collectors in wall-clock tiers, heartbeat to hbs, push to transfer, `/v1/push`.</summary>
internal static class AgentRole
{
    public const string Name = "agent";

    private const string UrlHealthClientKey = "agent.urlHealth";

    public static RoleDescriptor Descriptor { get; } = new(Name, "host agent: collectors in 10/30/60/120 s tiers, heartbeat to hbs, push to transfer, /v1/push", b => b.AddAgentRole())
    {
        Lightweight = true,
    };

    public static IHostApplicationBuilder AddAgentRole(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconOptions<AgentOptions, AgentOptionsValidator>(AgentOptions.SectionName, static (o, section) => o.BindConfiguration(section)).PostConfigure(AgentOptionsRules.ApplyDefaults);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsRules>());

        services.AddSingleton<AgentMetrics>();
        services.AddSingleton<AgentIdentity>();
        services.AddSingleton(sp => new DefaultTags(sp.GetRequiredService<IOptions<AgentOptions>>().Value.DefaultTags));
        services.TryAddSingleton<BuiltinMetricSet>();
        services.AddSingleton<TrustableIps>();

        // url.check.health's client: no redirects, as `curl -I` follows none; the container disposes it on stop.
        services.AddKeyedSingleton(UrlHealthClientKey, (_, _) => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }));
        services.AddSingleton(sp => new CollectorGroup(CollectorCatalog.Create(
            sp.GetRequiredService<IOptions<AgentOptions>>().Value.Collector,
            sp.GetRequiredService<BuiltinMetricSet>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredKeyedService<HttpClient>(UrlHealthClientKey),
            sp.GetRequiredService<AgentIdentity>().Hostname)));
        services.AddSingleton<AgentCollectors>();

        builder.AddAgentSelfUpgrade();
        builder.AddAgentNtp();

        services.AddSingleton(sp => new PushBuffer(sp.GetRequiredService<IOptions<AgentOptions>>().Value.BufferSize, sp.GetRequiredService<AgentMetrics>()));
        services.AddSingleton<TransferClient>();
        services.TryAddSingleton<ITransferClient>(sp => sp.GetRequiredService<TransferClient>());
        // Its stop flushes the buffer to transfer within agent.flushTimeout.
        services.AddHostedService<TransferSender>();
        services.AddHostedService<CollectorScheduler>();
        services.AddHostedService<HeartbeatService>();

        services.AddSingleton<PushEndpoint>();
        builder.AddRoleHttpListener(Name, sp => sp.GetRequiredService<IOptions<AgentOptions>>().Value.HttpListen, AgentHttpRoutes.Routes);
        return builder;
    }
}
