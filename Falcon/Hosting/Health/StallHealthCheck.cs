using System.Globalization;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Hosting.Health;

/// <summary>
/// Fails while a worker (an alarm worker on one batch, a delivery pass, a TSDB sender on one write, hbs's host writer
/// between failed attempts) has made no progress for <c>host.healthStallAfter</c>.
/// </summary>
internal sealed class StallHealthCheck(WorkProgress progress, string prefix, string what, TimeSpan after) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stuck = progress.BusyLongerThan(prefix, after);
        if (stuck.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{what}: making progress"));
        }

        var names = string.Join(", ", stuck.Take(5).Select(static s => $"{s.Worker} for {Format(s.For)}"));
        var more = stuck.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $" and {stuck.Count - 5} more") : "";
        return Task.FromResult(HealthCheckResult.Unhealthy($"{what}: no progress for more than {Format(after)}: {names}{more}"));
    }

    internal static string Format(TimeSpan span) =>
        span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m{span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#}s");
}
