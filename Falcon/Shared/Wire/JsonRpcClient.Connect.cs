using System.Net;
using System.Net.Sockets;

namespace Falcon.Shared.Wire;

internal sealed partial class JsonRpcClient
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private JsonRpcClientConnection? _connection;
    private int _next;
    private TimeSpan _backoff;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>
    /// The open connection, or a new one: addresses are tried in order from the last good one (the next one
    /// after a connection broke). When all fail, the next round waits for the backoff, which doubles up to the cap.
    /// </summary>
    private async ValueTask<JsonRpcClientConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { } previous)
            {
                if (previous.IsOpen)
                {
                    return previous;
                }

                _next = (_next + 1) % _addresses.Length;
                _connection = null;
                await previous.DisposeAsync();
            }

            var wait = _retryAt - _timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken);
            }

            Exception? last = null;
            for (var i = 0; i < _addresses.Length; i++)
            {
                var index = (_next + i) % _addresses.Length;
                try
                {
                    var connection = await DialAsync(_addresses[index], cancellationToken);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        await connection.DisposeAsync();
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    _next = index;
                    _backoff = _options.ReconnectDelay;
                    _retryAt = DateTimeOffset.MinValue;
                    _connection = connection;
                    return connection;
                }
                catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
                {
                    last = ex;
                    _logger.ClientDialFailed(_addresses[index], ex.Message);
                }
            }

            _retryAt = _timeProvider.GetUtcNow() + _backoff;
            _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            throw new IOException($"jsonrpc: cannot connect to {string.Join(", ", _addresses)}: {last?.Message}", last);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<JsonRpcClientConnection> DialAsync(string address, CancellationToken cancellationToken)
    {
        var (host, port) = WireEndpoint.Parse(address);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            using var dialTimeout = new CancellationTokenSource(_options.DialTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, dialTimeout.Token);
            try
            {
                // As in Go, an empty host dials the local system.
                await (host.Length == 0
                    ? socket.ConnectAsync(IPAddress.Loopback, port, linked.Token)
                    : socket.ConnectAsync(host, port, linked.Token));
            }
            catch (OperationCanceledException) when (dialTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"dial {address} timed out after {_options.DialTimeout.TotalMilliseconds} ms");
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new JsonRpcClientConnection(address, socket, _options.MaxFrameBytes, _logger);
        connection.Start();
        _metrics.ClientConnected();
        _logger.ClientConnected(address);
        return connection;
    }
}
