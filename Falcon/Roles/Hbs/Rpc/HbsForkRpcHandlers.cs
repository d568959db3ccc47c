using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Hbs.Rpc;

/// <summary>
/// The RPCs the ning1875 fork's agents and judges call beyond open-falcon's, with the fork's shapes and codes. They
/// answer from the same configuration view; before it is loaded they fail as every configuration call does.
/// </summary>
internal sealed class HbsForkRpcHandlers(HbsConfig config, TimeProvider timeProvider)
{
    private static readonly AgentServiceNamesResponse NoHostname = new() { Code = 1 };
    private static readonly AgentServiceNamesResponse NoServices = new() { Code = 2 };
    private static readonly AgentDynamicMonitoringResponse NoHostnameIntervals = new() { Code = 1 };

    /// <summary>`Agent.SyncServiceNames`: code 0 with the names, 1 for an empty hostname, 2 when the host has none.</summary>
    public ValueTask<AgentServiceNamesResponse> SyncServiceNamesAsync(AgentReportRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Hostname))
        {
            return ValueTask.FromResult(NoHostname);
        }

        var names = config.View.GetServiceNames(request.Hostname);
        return ValueTask.FromResult(names.Length == 0 ? NoServices : new AgentServiceNamesResponse { Code = 0, Args = names });
    }

    /// <summary>`Agent.DynamicMonitoring`: code 0 with metric → interval (an empty map when none), 1 for an empty hostname.</summary>
    public ValueTask<AgentDynamicMonitoringResponse> DynamicMonitoringAsync(AgentReportRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Hostname))
        {
            return ValueTask.FromResult(NoHostnameIntervals);
        }

        return ValueTask.FromResult(new AgentDynamicMonitoringResponse { Code = 0, Args = config.View.GetDynamicMonitoring(request.Hostname) });
    }

    // The strategy answers compute over the configuration: off the socket engine's thread, as GetStrategies is.
    public async ValueTask<OneStrategiesResponse> GetOneEndStrategiesAsync(EndpointRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return new OneStrategiesResponse { Strategies = config.View.GetEndpointStrategies(request.Endpoint, timeProvider.GetLocalNow()) };
    }

    public async ValueTask<StrategiesResponse> GetStrategiesOneAsync(HostnameRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return config.View.GetHostStrategies(request.Hostname, timeProvider.GetLocalNow());
    }

    public async ValueTask<UnionStrategiesResponse> GetUnionStrategiesAsync(NullRpcRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return config.View.GetUnionStrategies(timeProvider.GetLocalNow());
    }

    public async ValueTask<OneStrategiesResponse> GetOneUnionStrategiesAsync(UnionIdRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return new OneStrategiesResponse { Strategies = config.View.GetUnionMembers(request.Id) };
    }
}
