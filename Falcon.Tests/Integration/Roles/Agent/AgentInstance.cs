using Falcon.Hosting;
using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Falcon.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Falcon.Tests.Integration.Roles.Agent;

/// <summary>A whole agent role, built as `falcon run --role agent` builds it, with the collectors and self-upgrade a test gives.</summary>
internal sealed class AgentInstance : RoleInstance
{
    private AgentInstance(IHost host)
        : base(host, AgentRole.Name)
    {
    }

    /// <summary>Starts the agent with <paramref name="collectors"/> instead of the Linux catalog, so tests see only their own points.</summary>
    public static Task<AgentInstance> StartAsync(IEnumerable<ICollector> collectors, ISelfUpgrade? selfUpgrade, params string[] overrides) =>
        StartAsync(collectors, selfUpgrade, withCatalog: false, overrides);

    public static async Task<AgentInstance> StartAsync(IEnumerable<ICollector> collectors, ISelfUpgrade? selfUpgrade, bool withCatalog, params string[] overrides)
    {
        string[] settings =
        [
            "agent.httpListen=127.0.0.1:0",
            "agent.maxRetryDelay=00:00:00.200",
            "logging.logLevel.Default=Warning",
            .. overrides,
        ];
        var source = new ConfigurationSource("no-such-file.yaml", PathGivenExplicitly: false, settings);
        var builder = FalconHost.CreateBuilder(source, [AgentRole.Descriptor]);
        if (!withCatalog)
        {
            builder.Services.RemoveAll<CollectorGroup>();
        }

        foreach (var collector in collectors)
        {
            builder.Services.AddSingleton(collector);
        }

        if (selfUpgrade is not null)
        {
            builder.Services.AddSingleton(selfUpgrade);
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await host.StopAsync();
            host.Dispose();
            throw;
        }

        return new AgentInstance(host);
    }
}
