using Falcon.Roles.Agent.Collectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Agent.Ntp;

/// <summary>Registers the `ntp` collector (`sys.ntp.offset`) and its `agent.ntp` options.</summary>
internal static class AgentNtpExtensions
{
    public static IHostApplicationBuilder AddAgentNtp(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddFalconOptions<NtpOptions, NtpOptionsValidator>(NtpOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SntpClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICollector, NtpCollector>());
        return builder;
    }
}
