using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Hosting.Health;

/// <summary>
/// A reachability check that probes at most once per <c>cacheFor</c>, however often /health is asked (load balancers,
/// several role listeners in one process): concurrent requests share the probe in flight, and the probe runs under its
/// own timeout, not the request's, so a caller that hangs up does not spoil the cached answer.
/// </summary>
internal sealed class CachedProbeCheck(
    string name,
    Func<CancellationToken, Task> probe,
    TimeSpan timeout,
    TimeSpan cacheFor,
    TimeProvider clock) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _running;
    private HealthCheckResult _last;
    private long _checkedAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_checkedAt != 0 && clock.GetElapsedTime(_checkedAt) < cacheFor)
            {
                return Task.FromResult(_last);
            }

            if (_running is null || _running.IsCompleted)
            {
                _running = ProbeAsync();
            }

            return _running.WaitAsync(cancellationToken);
        }
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        HealthCheckResult result;
        using var deadline = new CancellationTokenSource(timeout, clock);
        try
        {
            await probe(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
            result = HealthCheckResult.Healthy($"{name} reachable");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = HealthCheckResult.Unhealthy($"{name} did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e)
        {
            result = HealthCheckResult.Unhealthy($"{name} unreachable: {e.GetBaseException().Message}");
        }

        lock (_gate)
        {
            _last = result;
            _checkedAt = clock.GetTimestamp();
        }

        return result;
    }
}
