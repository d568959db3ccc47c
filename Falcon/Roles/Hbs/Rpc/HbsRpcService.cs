using System.Diagnostics.Metrics;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Rpc;

/// <summary>Serves the hbs JSON-RPC methods on `hbs.rpcListen` for agents and judges.</summary>
internal sealed class HbsRpcService(
    HbsRpcHandlers handlers,
    IOptions<HbsOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggers,
    IMeterFactory meters) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<HbsRpcService>();
    private JsonRpcServer? _server;

    /// <summary>The bound address once started (useful with port 0).</summary>
    public string? BoundAddress => _server?.BoundAddress;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var server = new JsonRpcServer(
            options.Value.RpcListen,
            new JsonRpcServerOptions(),
            loggers.CreateLogger<JsonRpcServer>(),
            timeProvider,
            meters.Create(HbsTelemetry.MeterName));
        var agent = AgentJsonContext.Default;
        var strategies = StrategiesJsonContext.Default;
        server.Register("Agent.ReportStatus", agent.AgentReportRequest, agent.AgentReportResponse, handlers.ReportStatusAsync);
        server.Register("Agent.MinePlugins", agent.AgentHeartbeatRequest, agent.AgentPluginsResponse, handlers.MinePluginsAsync);
        server.Register("Agent.BuiltinMetrics", agent.AgentHeartbeatRequest, agent.BuiltinMetricResponse, handlers.BuiltinMetricsAsync);
        server.Register("Agent.TrustableIps", agent.NullRpcRequest, agent.String, handlers.TrustableIpsAsync);
        server.Register("Hbs.GetStrategies", agent.NullRpcRequest, strategies.StrategiesResponse, handlers.GetStrategiesAsync);
        server.Register("Hbs.GetExpressions", agent.NullRpcRequest, strategies.ExpressionsResponse, handlers.GetExpressionsAsync);
        server.Register("Hbs.GetAgents", agent.NullRpcRequest, agent.AgentsResponse, handlers.GetAgentsAsync);
        server.Start();
        _server = server;
        Log.RpcListening(_logger, server.BoundAddress);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.DisposeAsync();
        }
    }
}
