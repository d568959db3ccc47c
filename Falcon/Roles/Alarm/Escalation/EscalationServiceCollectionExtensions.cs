using Falcon.Shared.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>Registers escalation; needs the alarm intake (routing), delivery (the dispatcher) and Redis registered.</summary>
internal static class EscalationServiceCollectionExtensions
{
    public static IServiceCollection AddAlarmEscalation(this IServiceCollection services)
    {
        services.AddFalconOptions<EscalationOptions, EscalationOptionsValidator>(EscalationOptions.SectionName, static (o, section) => o.BindConfiguration(section));
        services.TryAddSingleton<EscalationCases>();
        services.TryAddSingleton<EscalationMarks>();
        services.TryAddSingleton<EscalationMetrics>();
        services.TryAddSingleton<EscalationScanner>();
        services.AddHostedService<EscalationService>();
        return services;
    }
}
