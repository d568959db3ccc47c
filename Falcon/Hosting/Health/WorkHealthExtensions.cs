using Falcon.Hosting.Configuration;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Hosting.Health;

/// <summary>
/// Registers the checks of a role's own work on its /health (docs/health.md): queues over their thresholds, workers
/// without progress, items dead-lettered recently. They read what the role reports to <see cref="WorkProgress"/> and
/// <see cref="DeadLetterTally"/>, cost nothing to run, and are named after the role ("alarm.workers").
/// </summary>
internal static class WorkHealthExtensions
{
    /// <summary>Fails while the queue measured by <paramref name="source"/> holds more than its threshold.</summary>
    public static IHostApplicationBuilder AddBacklogHealthCheck(
        this IHostApplicationBuilder builder, string role, string name, string what, Func<IServiceProvider, (Func<long?> Depth, long Max)> source) =>
        builder.AddWorkCheck(role, name, sp =>
        {
            var (depth, max) = source(sp);
            return new BacklogHealthCheck(what, depth, max);
        });

    /// <summary>Fails while a worker named <paramref name="workerPrefix"/>… has made no progress for host.healthStallAfter.</summary>
    public static IHostApplicationBuilder AddStallHealthCheck(this IHostApplicationBuilder builder, string role, string name, string what, string workerPrefix) =>
        builder.AddWorkCheck(role, name, sp => new StallHealthCheck(
            sp.GetRequiredService<WorkProgress>(), workerPrefix, what, sp.GetRequiredService<IOptions<HostingOptions>>().Value.HealthStallAfter));

    /// <summary>`<paramref name="role"/>.deadletters`: fails for host.healthDeadLetterWindow after an item of the role was dead-lettered.</summary>
    public static IHostApplicationBuilder AddDeadLetterHealthCheck(this IHostApplicationBuilder builder, string role, string whereToLook) =>
        builder.AddWorkCheck(role, role + ".deadletters", sp => new DeadLetterHealthCheck(
            sp.GetRequiredService<DeadLetterTally>(), role + ".", sp.GetRequiredService<IOptions<HostingOptions>>().Value.HealthDeadLetterWindow, whereToLook));

    private static IHostApplicationBuilder AddWorkCheck(this IHostApplicationBuilder builder, string role, string name, Func<IServiceProvider, IHealthCheck> create)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<WorkProgress>();
        builder.Services.TryAddSingleton<DeadLetterTally>();
        builder.Services.Configure<HealthCheckServiceOptions>(o => o.Registrations.Add(new HealthCheckRegistration(
            name,
            // Made once from the root services (ProbeChecks), not per /health call from its scope.
            sp => sp.GetRequiredService<ProbeChecks>().GetOrAdd(name, create),
            HealthStatus.Unhealthy,
            [role])));
        return builder;
    }
}
