using Falcon.Roles.ApiProxy.FanOut;
using Falcon.Shared.Datacenters;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Falcon.Roles.ApiProxy;

/// <summary>
/// One datacenter's state for apiproxy's /health: its TSDB answers a trivial query and at least one of its hbs answered
/// the last map refresh. Degraded (not unhealthy) when only the hbs are down: queries still go everywhere.
/// </summary>
internal sealed class DatacenterHealthCheck(Datacenter datacenter, DatacenterBackends backends, DatacenterMap map) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(datacenter.Timeout);
        try
        {
            await backends[datacenter].Client.QueryAsync("1", cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"TSDB {datacenter.QueryUrl} does not answer: {e.Message}");
        }

        var state = map.Snapshot.States.FirstOrDefault(s => s.Name == datacenter.Name);
        return state is { Healthy: false }
            ? HealthCheckResult.Degraded($"no hbs answered ({state.LastError}); endpoints of this datacenter are queried everywhere")
            : HealthCheckResult.Healthy($"{state?.Hosts ?? 0} hosts");
    }
}
