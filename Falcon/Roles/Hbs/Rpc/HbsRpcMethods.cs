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
    }
}
