using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Heartbeat;

/// <summary>Registers the alarm side of the pipeline heartbeat; call before AddAlarmIntake, whose batch handler it wraps.</summary>
internal static class PipelineWatchRegistration
{
    public static IServiceCollection AddPipelineWatch(this IServiceCollection services, string role)
    {
        services.AddFalconOptions<PipelineWatchOptions, PipelineWatchOptionsValidator>(PipelineWatchOptions.SectionName, static (o, section) => o.BindConfiguration(section), Describe);
        services.AddSingleton<FallbackNotifier>();
        services.AddSingleton<PipelineWatchdog>();
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<PipelineWatchdog>());
        services.AddSingleton<AlarmEventHandler>();

        // Heartbeats are never recorded or routed, even with the watch off.
        services.AddSingleton<IEventBatchHandler>(static sp => new PipelineHeartbeatHandler(
            sp.GetRequiredService<AlarmEventHandler>(),
            sp.GetRequiredService<IOptions<PipelineWatchOptions>>().Value.Enabled ? sp.GetRequiredService<PipelineWatchdog>() : null));
        services.Configure<HealthCheckServiceOptions>(o => o.Registrations.Add(new HealthCheckRegistration(
            PipelineWatchdog.CheckName,
            static sp => sp.GetRequiredService<IOptions<PipelineWatchOptions>>().Value.Enabled ? sp.GetRequiredService<PipelineWatchdog>() : (IHealthCheck)new DisabledCheck(),
            HealthStatus.Unhealthy,
            [role])));
        return services;
    }

    // The fallback URL of a bot holds its token: shown as scheme and host only.
    private static IEnumerable<KeyValuePair<string, string>> Describe(string section, PipelineWatchOptions value) =>
        OptionsSectionExtensions.Describe(section, value).Select(pair => pair.Key.EndsWith(".fallbackUrl", StringComparison.Ordinal) && pair.Value.Length > 0
            ? new KeyValuePair<string, string>(pair.Key, Uri.TryCreate(pair.Value, UriKind.Absolute, out var uri) ? $"{ChannelUrls.Redact(uri)}/****" : "****")
            : pair);

    private sealed class DisabledCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy("alarm.heartbeat.enabled is off"));
    }
}
