using System.Net;
using System.Net.Sockets;

namespace Falcon.Tests.Integration.Roles.Transfer;

/// <summary>A TSDB that has stopped answering: it accepts connections and reads requests, and never replies.</summary>
internal sealed class StalledTsdb : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _held = [];
    private long _bytes;

    public StalledTsdb()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri WriteUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/v1/write");

    /// <summary>Request bytes received (and never answered).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            foreach (var socket in _held)
            {
                socket.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(socket);
                }

                _ = DrainAsync(socket);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task DrainAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped, or the client gave up on us.
        }
    }
}
