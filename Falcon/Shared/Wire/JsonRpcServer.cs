using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Shared.Wire;

/// <summary>
/// A Go <c>net/rpc/jsonrpc</c> server over raw TCP: many connections, several requests in flight per
/// connection, replies written as they finish and matched by id. Roles register their methods before
/// <see cref="Start"/>.
/// </summary>
internal sealed partial class JsonRpcServer : IAsyncDisposable
{
    private readonly string _listenAddress;
    private readonly ConcurrentDictionary<JsonRpcServerConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopAccepting = new();
    private readonly CancellationTokenSource _aborted = new();
    private readonly Meter? _ownedMeter;
    private Socket? _listener;
    private IPEndPoint? _boundEndPoint;
    private Task _acceptLoop = Task.CompletedTask;
    private int _openConnections;
    private long _lastRefusalLog;
    private int _refusedSinceLog;
    private int _stopped;

    /// <summary>Creates a server for <paramref name="listenAddress"/> ("host:port", port 0 picks a free one).</summary>
    public JsonRpcServer(
        string listenAddress,
        JsonRpcServerOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        Meter? meter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(listenAddress);
        WireEndpoint.Parse(listenAddress);
        Options = options ?? new JsonRpcServerOptions();
        Options.Validate();
        _listenAddress = listenAddress;
        Logger = logger ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
        if (meter is null)
        {
            _ownedMeter = new Meter(WireMetrics.DefaultMeterName);
        }

        Metrics = new WireMetrics(meter ?? _ownedMeter!);
    }

    /// <summary>The bound endpoint; available after <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint => _boundEndPoint ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>The bound endpoint as "host:port" (e.g. "127.0.0.1:53211").</summary>
    public string BoundAddress => WireEndpoint.Format(LocalEndPoint);

    /// <summary>Connections being served now.</summary>
    internal int OpenConnections => _connections.Count;

    internal JsonRpcServerOptions Options { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider { get; }

    internal WireMetrics Metrics { get; }

    /// <summary>Cancelled when <see cref="StopAsync"/> gives up waiting: handlers should stop.</summary>
    internal CancellationToken Aborted => _aborted.Token;

    /// <summary>Binds and listens, then accepts connections in the background.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        var endPoint = WireEndpoint.ResolveListen(_listenAddress);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            if (!OperatingSystem.IsWindows())
            {
                // As Go does: a restarted server can bind while old connections sit in TIME_WAIT.
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            listener.Bind(endPoint);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _boundEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        Logger.ServerListening(BoundAddress);
        _acceptLoop = AcceptLoopAsync(listener);
        StartSweeper();
    }

    /// <summary>
    /// Stops accepting, lets in-flight calls finish and their replies go out, then closes every connection.
    /// When <paramref name="cancellationToken"/> fires first, handlers are cancelled and connections closed at once.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _listener is null)
        {
            return;
        }

        var endpoint = BoundAddress;
        await _stopAccepting.CancelAsync();
        _listener.Dispose();
        StopSweeper();
        await _acceptLoop;

        var connections = _connections.Keys.ToArray();
        foreach (var connection in connections)
        {
            connection.BeginStop();
        }

        var all = Task.WhenAll(connections.Select(c => c.Completion));
        try
        {
            await all.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Logger.StopDeadlineReached(endpoint, connections.Count(c => !c.Completion.IsCompleted));
            await _aborted.CancelAsync();
            await all;
        }

        Logger.ServerStopped(endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        using (var expired = new CancellationTokenSource())
        {
            await expired.CancelAsync();
            await StopAsync(expired.Token);
        }

        _listener?.Dispose();
        StopSweeper();
        _stopAccepting.Dispose();
        _aborted.Dispose();
        _ownedMeter?.Dispose();
    }

    internal void OnConnectionClosed(JsonRpcServerConnection connection)
    {
        _connections.TryRemove(connection, out _);
        Interlocked.Decrement(ref _openConnections);
        Metrics.ConnectionClosed();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var endpoint = BoundAddress;
        while (!_stopAccepting.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopAccepting.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                       || (ex is SocketException && _stopAccepting.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors and the like: back off a little instead of spinning.
                Logger.AcceptFailed(endpoint, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider, CancellationToken.None);
                continue;
            }

            if (Interlocked.Increment(ref _openConnections) > Options.MaxConnections)
            {
                Interlocked.Decrement(ref _openConnections);
                Metrics.ServerError("connection_refused");
                // Under a flood, one line per ten seconds with the count, not one per connection.
                _refusedSinceLog++;
                var now = TimeProvider.GetTimestamp();
                if (_lastRefusalLog == 0 || TimeProvider.GetElapsedTime(_lastRefusalLog, now) >= TimeSpan.FromSeconds(10))
                {
                    Logger.ConnectionRefused(_refusedSinceLog, WireEndpoint.Format(socket.RemoteEndPoint), Options.MaxConnections);
                    _lastRefusalLog = now;
                    _refusedSinceLog = 0;
                }

                socket.Dispose();
                continue;
            }

            JsonRpcServerConnection connection;
            try
            {
                connection = new JsonRpcServerConnection(this, socket);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The peer reset the connection before it could be set up; keep accepting the others.
                Interlocked.Decrement(ref _openConnections);
                Logger.AcceptFailed(endpoint, ex);
                socket.Dispose();
                continue;
            }

            Metrics.ConnectionOpened();
            _connections.TryAdd(connection, 0);
            connection.Start();
        }
    }
}
