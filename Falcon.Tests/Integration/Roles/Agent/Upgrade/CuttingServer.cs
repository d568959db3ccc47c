using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Falcon.Tests.Integration.Roles.Agent.Upgrade;

/// <summary>A loopback HTTP server that answers every request with the given headers and body bytes, then optionally stalls, then closes: a download cut halfway.</summary>
internal sealed class CuttingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CuttingServer(string headers, byte[] body, TimeSpan stallBeforeClose = default)
    {
        _listener.Start();
        _loop = Task.Run(() => ServeAsync(headers, body, stallBeforeClose));
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(string headers, byte[] body, TimeSpan stall)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var request = new byte[8192];
                    _ = await stream.ReadAsync(request, _stop.Token);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(headers.ReplaceLineEndings("\r\n") + "\r\n"), _stop.Token);
                    await stream.WriteAsync(body, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    if (stall > TimeSpan.Zero)
                    {
                        await Task.Delay(stall, _stop.Token);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
                {
                    // The client gave up first, or the test ended.
                }
            }
        }
    }
}
