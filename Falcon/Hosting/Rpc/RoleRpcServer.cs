using System.Diagnostics.Metrics;
using Falcon.Hosting.Limits;
using Falcon.Shared.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Falcon.Hosting.Rpc;

/// <summary>
/// One role's open-falcon JSON-RPC listener: the role registers its methods, Hosting runs the server's life. A role
/// with a listen gate (hbs: its first configuration) opens its port only once the gate completes, in the background,
/// so the other roles of the process start meanwhile.
/// </summary>
internal sealed class RoleRpcServer(
    string role,
    string listen,
    string meterName,
    Action<JsonRpcServer, IServiceProvider> register,
    IServiceProvider root,
    Func<IServiceProvider, CancellationToken, Task>? listenGate = null) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private JsonRpcServer? _server;
    private Task _gated = Task.CompletedTask;

    public string Role { get; } = role;

    /// <summary>The address actually bound (useful with port 0), set once listening.</summary>
    public string? BoundAddress => _server?.BoundAddress;

    /// <summary>Completes when the port is open; faults if it could not be opened.</summary>
    public Task Listening => _listening.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (listenGate is null)
        {
            Listen();
            return Task.CompletedTask;
        }

        _gated = ListenAfterGateAsync(listenGate);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _gated;
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _gated;
        if (_server is { } server)
        {
            await server.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private void Listen()
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
        _listening.TrySetResult();
        Log.RpcListening(loggers.CreateLogger($"Falcon.Hosting.Rpc.{Role}"), Role, server.BoundAddress);
    }

    private static JsonRpcServerOptions RpcOptions(ListenerLimits limits) => new()
    {
        MaxConnections = limits.MaxConnections,
        FrameTimeout = limits.FrameTimeout,
        MaxPendingFrameBytes = limits.MaxPendingFrameBytes,
    };

    private async Task ListenAfterGateAsync(Func<IServiceProvider, CancellationToken, Task> gate)
    {
        try
        {
            await Task.Yield();
            await gate(root, _stopping.Token);
            Listen();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            _listening.TrySetCanceled(_stopping.Token);
        }
        catch (Exception e)
        {
            // Started in the background, a port that cannot be opened can no longer fail the start: stop the
            // process instead, as a failed start would, rather than run without its listener.
            _listening.TrySetException(e);
            Log.RpcListenFailed(root.GetRequiredService<ILoggerFactory>().CreateLogger($"Falcon.Hosting.Rpc.{Role}"), e, Role, listen);
            Environment.ExitCode = 1;
            root.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }
    }
}
