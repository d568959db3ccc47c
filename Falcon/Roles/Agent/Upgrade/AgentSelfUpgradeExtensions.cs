using Falcon.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Agent.Upgrade;

/// <summary>Registers the agent's self-upgrade (<see cref="ISelfUpgrade"/>) and its watchdog.</summary>
internal static class AgentSelfUpgradeExtensions
{
    public static IHostApplicationBuilder AddAgentSelfUpgrade(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconOptions<SelfUpgradeOptions, SelfUpgradeOptionsValidator>(SelfUpgradeOptions.SectionName, static (o, section) => o.BindConfiguration(section))
            // Unset, it is on for an agent alone and off beside server roles: an upgrade ends the whole process.
            .Configure<IConfiguration, IServiceProvider>((o, configuration, sp) => o.Enabled =
                configuration.GetValue<bool?>(SelfUpgradeOptions.EnabledKey) ?? sp.GetService<HostFootprint>() is not { ServerRoles.Count: > 0 });
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp => BinaryPaths.FromOptions(sp.GetRequiredService<IOptions<SelfUpgradeOptions>>().Value));
        services.TryAddSingleton<UpgradeAttempts>();
        services.TryAddSingleton<BinaryDownloader>();
        services.TryAddSingleton<SignatureCheck>();
        services.TryAddSingleton<IUpgradeRestart, HostRestart>();
        services.TryAddSingleton(sp => new UpgradeWatchdog(
            sp.GetRequiredService<BinaryPaths>(),
            FalconVersion.Current,
            UpgradeWatchdog.CurrentStartId(),
            sp.GetRequiredService<UpgradeAttempts>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<UpgradeWatchdog>>()));
        services.TryAddSingleton(sp => new SelfUpgrader(
            sp.GetRequiredService<IOptions<SelfUpgradeOptions>>(),
            sp.GetRequiredService<BinaryPaths>(),
            FalconVersion.Current,
            sp.GetRequiredService<BinaryDownloader>(),
            sp.GetRequiredService<SignatureCheck>(),
            sp.GetRequiredService<UpgradeWatchdog>(),
            sp.GetRequiredService<UpgradeAttempts>(),
            sp.GetRequiredService<IUpgradeRestart>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SelfUpgrader>>()));
        services.TryAddSingleton<ISelfUpgrade>(sp => sp.GetRequiredService<SelfUpgrader>());

        // First of all hosted services, whatever the role registered before: its StartingAsync counts this start
        // and may restore the previous binary before anything of this one runs.
        if (!services.Any(d => d.ImplementationType == typeof(UpgradeWatchdogService)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, UpgradeWatchdogService>());
        }

        return builder;
    }
}
