using System.Globalization;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Hosting.Health;

/// <summary>
/// Fails for <c>host.healthDeadLetterWindow</c> after an item of this role was dead-lettered (refused for good and
/// moved aside), so someone looks at it; then it is ok again on its own, since the item no longer blocks anything.
/// </summary>
internal sealed class DeadLetterHealthCheck(DeadLetterTally tally, string stagePrefix, TimeSpan window, string whereToLook) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var recent = tally.Recent(window).Where(r => r.Key.StartsWith(stagePrefix, StringComparison.Ordinal)).OrderBy(static r => r.Key, StringComparer.Ordinal).ToList();
        if (recent.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"nothing dead-lettered in the last {StallHealthCheck.Format(window)}"));
        }

        var total = recent.Sum(static r => r.Value);
        var stages = string.Join(", ", recent.Select(static r => string.Create(CultureInfo.InvariantCulture, $"{r.Key}: {r.Value}")));
        return Task.FromResult(HealthCheckResult.Unhealthy(string.Create(
            CultureInfo.InvariantCulture,
            $"{total} item(s) dead-lettered in the last {StallHealthCheck.Format(window)} ({stages}); {whereToLook}")));
    }
}
