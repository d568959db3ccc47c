using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Shared.Datacenters;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Roles.ApiProxy;

/// <summary>
/// One datacenter's state for apiproxy's /health: its query backends answer (the TSDB a trivial query, an open-falcon
/// api an endpoint search that matches nothing) and at least one of its hbs answered the last map refresh. Unhealthy
/// when a backend does not answer: answers then lack that datacenter, which /health must not hide (load balancers
/// watch /health/live, which stays 200). Degraded (not unhealthy) when only the hbs are down: queries still go everywhere.
/// </summary>
internal sealed class DatacenterHealthCheck(Datacenter datacenter, DatacenterBackends backends, DatacenterMap map) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(datacenter.Timeout);
        var backend = backends[datacenter];
        if (backend.Tsdb is { } tsdb && await FailureAsync(() => tsdb.QueryAsync("1", cancellationToken: timeout.Token), cancellationToken) is { } tsdbError)
        {
            return HealthCheckResult.Unhealthy($"TSDB {datacenter.QueryUrl} does not answer: {tsdbError}");
        }

        if (backend.Api is { } api && await FailureAsync(() => api.PingAsync(timeout.Token), cancellationToken) is { } apiError)
        {
            return HealthCheckResult.Unhealthy($"open-falcon api {datacenter.Api!.Url} does not answer: {apiError}");
        }

        var state = map.Snapshot.States.FirstOrDefault(s => s.Name == datacenter.Name);
        return state is { Healthy: false }
            ? HealthCheckResult.Degraded($"no hbs answered ({state.LastError}); endpoints of this datacenter are queried everywhere")
            : HealthCheckResult.Healthy($"{state?.Hosts ?? 0} hosts");
    }

    private static async Task<string?> FailureAsync(Func<Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe();
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e is OperationCanceledException ? "no answer in time" : e.Message;
        }
    }
}
