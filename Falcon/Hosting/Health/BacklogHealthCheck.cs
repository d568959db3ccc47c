using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Hosting.Health;

/// <summary>Fails while a queue holds more than its threshold; the depth comes from the role (last measured value).</summary>
internal sealed class BacklogHealthCheck(string what, Func<long?> depth, long max) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = depth();
        var result = current switch
        {
            null => HealthCheckResult.Healthy($"{what}: not measured yet"),
            var d when d > max => HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"{what}: {d:N0} waiting, more than {max:N0}")),
            var d => HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{what}: {d:N0} waiting (at most {max:N0})")),
        };
        return Task.FromResult(result);
    }
}
