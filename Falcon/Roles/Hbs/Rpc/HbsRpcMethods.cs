using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Roles.Hbs.Rpc;

/// <summary>The methods hbs serves on `hbs.rpcListen` for agents and judges.</summary>
internal static class HbsRpcMethods
{
    public static void Register(JsonRpcServer server, IServiceProvider root)
    {
        var handlers = root.GetRequiredService<HbsRpcHandlers>();
        var agent = AgentJsonContext.Default;
        var strategies = StrategiesJsonContext.Default;
        server.Register("Agent.ReportStatus", agent.AgentReportRequest, agent.AgentReportResponse, handlers.ReportStatusAsync);
        server.Register("Agent.MinePlugins", agent.AgentHeartbeatRequest, agent.AgentPluginsResponse, handlers.MinePluginsAsync);
        server.Register("Agent.BuiltinMetrics", agent.AgentHeartbeatRequest, agent.BuiltinMetricResponse, handlers.BuiltinMetricsAsync);
        server.Register("Agent.TrustableIps", agent.NullRpcRequest, agent.String, handlers.TrustableIpsAsync);
        server.Register("Hbs.GetStrategies", agent.NullRpcRequest, strategies.StrategiesResponse, handlers.GetStrategiesAsync);
        server.Register("Hbs.GetExpressions", agent.NullRpcRequest, strategies.ExpressionsResponse, handlers.GetExpressionsAsync);
        server.Register("Hbs.GetAgents", agent.NullRpcRequest, agent.AgentsResponse, handlers.GetAgentsAsync);

        // Falcon only: the agents with their last heartbeat, so a datacenter map can tell where a moved host is now.
        server.Register("Hbs.GetAgentsSeen", agent.NullRpcRequest, agent.AgentsSeenResponse, handlers.GetAgentsSeenAsync);

        // The ning1875 fork's additions, so its agents and judges work against this hbs.
        var fork = new HbsForkRpcHandlers(root.GetRequiredService<HbsConfig>(), root.GetRequiredService<TimeProvider>());
        server.Register("Agent.SyncServiceNames", agent.AgentReportRequest, agent.AgentServiceNamesResponse, fork.SyncServiceNamesAsync);
        server.Register("Agent.DynamicMonitoring", agent.AgentReportRequest, agent.AgentDynamicMonitoringResponse, fork.DynamicMonitoringAsync);
        server.Register("Hbs.GetOneEndStrategies", strategies.EndpointRequest, strategies.OneStrategiesResponse, fork.GetOneEndStrategiesAsync);
        server.Register("Hbs.GetStrategiesOne", strategies.HostnameRequest, strategies.StrategiesResponse, fork.GetStrategiesOneAsync);
        server.Register("Hbs.GetUnionStrategies", agent.NullRpcRequest, strategies.UnionStrategiesResponse, fork.GetUnionStrategiesAsync);
        server.Register("Hbs.GetOneUnionStrategies", strategies.UnionIdRequest, strategies.OneStrategiesResponse, fork.GetOneUnionStrategiesAsync);
    }
}
