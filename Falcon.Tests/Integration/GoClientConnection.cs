using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Integration;

/// <summary>Sends request lines byte for byte as Go's net/rpc/jsonrpc client would, and returns the raw reply line.</summary>
internal sealed class GoClientConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;

    private GoClientConnection(TcpClient client)
    {
        _client = client;
        _reader = new StreamReader(client.GetStream(), Encoding.UTF8);
    }

    public static async Task<GoClientConnection> OpenAsync(string address)
    {
        var endPoint = WireEndpoint.Parse(address);
        var client = new TcpClient();
        await client.ConnectAsync(endPoint.Host.Length == 0 ? "127.0.0.1" : endPoint.Host, endPoint.Port);
        return new GoClientConnection(client);
    }

    public async Task<string> CallAsync(string request)
    {
        await _client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(request + "\n"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await _reader.ReadLineAsync(timeout.Token);
        JsonDocument.Parse(line!).Dispose();
        return line!;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _client.Dispose();
    }
}
