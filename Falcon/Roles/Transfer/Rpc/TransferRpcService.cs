using System.Diagnostics.Metrics;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Transfer.Rpc;

/// <summary>Serves `Transfer.*` on `transfer.rpcListen` for agents, the aggregator and scripts.</summary>
internal sealed class TransferRpcService(
    TransferRpcHandlers handlers,
    IOptions<TransferOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggers,
    IMeterFactory meters) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<TransferRpcService>();
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
            meters.Create(TransferTelemetry.MeterName));
        server.Register("Transfer.Update", handlers.UpdateAsync);
        server.Register("Transfer.Ping", TransferRpcHandlers.PingAsync);
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
