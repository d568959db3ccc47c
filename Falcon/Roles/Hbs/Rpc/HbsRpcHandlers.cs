using Falcon.Roles.Hbs.Agents;
using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Strategies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Rpc;

/// <summary>The open-falcon `Agent.*` and `Hbs.*` methods. A heartbeat is answered from memory: MySQL is written behind it.</summary>
internal sealed class HbsRpcHandlers(
    AgentRegistry registry,
    HostWriter hostWriter,
    HbsConfig config,
    UpgradeCoordinator upgrades,
    IOptions<HbsOptions> options,
    TimeProvider timeProvider,
    ILogger<HbsRpcHandlers> logger)
{
    private static readonly AgentReportResponse Ok = new() { Code = 0 };
    private static readonly AgentReportResponse EmptyHostname = new() { Code = 1 };

    // An upgrade check that cannot answer quickly (Redis slow or down) must not hold up the heartbeat.
    private static readonly TimeSpan UpgradeCheckTimeout = TimeSpan.FromMilliseconds(500);

    private readonly string _trustable = string.Join(',', options.Value.Trustable);

    public async ValueTask<AgentReportResponse> ReportStatusAsync(AgentReportRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Hostname))
        {
            return EmptyHostname;
        }

        if (registry.Record(request, timeProvider.GetUtcNow()) is { } changed)
        {
            hostWriter.Enqueue(changed);
        }

        var args = await CheckUpgradeAsync(request, cancellationToken);
        return args is null ? Ok : new AgentReportResponse { Code = 0, Args = args };
    }

    public async ValueTask<AgentPluginsResponse> MinePluginsAsync(AgentHeartbeatRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return config.View.GetPlugins(request.Hostname, Now());
    }

    public async ValueTask<BuiltinMetricResponse> BuiltinMetricsAsync(AgentHeartbeatRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return config.View.GetBuiltinMetrics(request.Hostname, request.Checksum, Now());
    }

    public ValueTask<string> TrustableIpsAsync(NullRpcRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_trustable);

    // The methods below compute over the whole configuration or registry: off the socket engine's thread, since
    // connections are served inline (Program.cs) and a slow answer there would stall every other connection.
    public async ValueTask<StrategiesResponse> GetStrategiesAsync(NullRpcRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return config.View.GetStrategies(timeProvider.GetLocalNow());
    }

    public async ValueTask<ExpressionsResponse> GetExpressionsAsync(NullRpcRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return config.View.GetExpressions();
    }

    public async ValueTask<AgentsResponse> GetAgentsAsync(NullRpcRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return new AgentsResponse { Agent = registry.Hostnames() };
    }

    public async ValueTask<AgentsSeenResponse> GetAgentsSeenAsync(NullRpcRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return new AgentsSeenResponse { Agents = registry.Seen() };
    }

    private async ValueTask<AgentUpgradeArgs?> CheckUpgradeAsync(AgentReportRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var check = upgrades.OnHeartbeatAsync(request, cancellationToken);
            // Almost every heartbeat is answered from the coordinator's memory; only one that has to ask Redis
            // pays for a timeout.
            return check.IsCompletedSuccessfully
                ? check.Result
                : await check.AsTask().WaitAsync(UpgradeCheckTimeout, timeProvider, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.UpgradeCheckFailed(logger, request.Hostname, e.Message);
            return null;
        }
    }

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeSeconds();
}
