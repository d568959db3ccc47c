using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Falcon.Tests.Integration.Roles;

/// <summary>
/// Stands in for the fork's Go hbs, which cannot run here: a loopback JSON-RPC 1.0 server that answers each method
/// with result bytes given verbatim, framed as Go's net/rpc/jsonrpc frames them.
/// </summary>
internal sealed class ForkHbsFake : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, string> _results = new(StringComparer.Ordinal);
    private readonly Task _accepting;

    public ForkHbsFake()
    {
        _listener.Start();
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string Address { get; }

    /// <summary>Every method called, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Sets the raw JSON result of <paramref name="method"/> for the calls from now on.</summary>
    public void Answer(string method, string resultJson) => _results[method] = resultJson;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    using var request = JsonDocument.Parse(line);
                    var method = request.RootElement.GetProperty("method").GetString()!;
                    var id = request.RootElement.GetProperty("id").GetRawText();
                    Calls.Enqueue(method);
                    var reply = _results.TryGetValue(method, out var result)
                        ? $"{{\"id\":{id},\"result\":{result},\"error\":null}}\n"
                        : $"{{\"id\":{id},\"result\":null,\"error\":\"rpc: can't find method {method}\"}}\n";
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(reply), _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The agent hung up or the fake stopped.
            }
        }
    }
}
