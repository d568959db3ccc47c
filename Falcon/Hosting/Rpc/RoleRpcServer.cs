using System.Diagnostics.Metrics;
using Falcon.Hosting.Limits;
using Falcon.Shared.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Falcon.Hosting.Rpc;

/// <summary>One role's open-falcon JSON-RPC listener: the role registers its methods, Hosting runs the server's life.</summary>
internal sealed class RoleRpcServer(
    string role,
    string listen,
    string meterName,
    Action<JsonRpcServer, IServiceProvider> register,
    IServiceProvider root) : IHostedService, IAsyncDisposable
{
    private JsonRpcServer? _server;

    public string Role { get; } = role;

    /// <summary>The address actually bound (useful with port 0), set once started.</summary>
    public string? BoundAddress => _server?.BoundAddress;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var loggers = root.GetRequiredService<ILoggerFactory>();
        var server = new JsonRpcServer(
            listen,
            RpcOptions(root.GetRequiredService<ListenerLimits>()),
            loggers.CreateLogger<JsonRpcServer>(),
            root.GetRequiredService<TimeProvider>(),
            root.GetRequiredService<IMeterFactory>().Create(meterName));
        register(server, root);
        server.Start();
        _server = server;
        Log.RpcListening(loggers.CreateLogger($"Falcon.Hosting.Rpc.{Role}"), Role, server.BoundAddress);
        return Task.CompletedTask;
    }

    private static JsonRpcServerOptions RpcOptions(ListenerLimits limits) => new()
    {
        MaxConnections = limits.MaxConnections,
        FrameTimeout = limits.FrameTimeout,
        MaxPendingFrameBytes = limits.MaxPendingFrameBytes,
    };

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
