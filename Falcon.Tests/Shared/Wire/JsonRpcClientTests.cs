using System.Net;
using System.Net.Sockets;
using System.Text;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

public sealed class JsonRpcClientTests
{
    private static readonly TestAgentReportRequest Report = new("h1", "10.0.0.1", "7.0.0", "x");

    [Test]
    public async Task CallAsync_WritesTheRequestAsTheGoClientDoes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var client = new JsonRpcClient([$"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"]);

        var first = ReportStatusAsync(client);
        await using var peer = RawJsonSocket.Wrap(await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(await peer.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusFrame + "\n"));
        await peer.SendAsync(WireTestServer.ReportStatusReply);
        Assert.That(await first, Is.EqualTo(new TestSimpleRpcResponse(0)));

        var second = client.CallAsync("Agent.TrustableIps", new TestNullRequest(), WireTestJsonContext.Default.TestNullRequest, WireTestJsonContext.Default.String);
        Assert.That(await peer.ReadLineAsync(), Is.EqualTo("{\"method\":\"Agent.TrustableIps\",\"params\":[{}],\"id\":1}\n"));
        await peer.SendAsync("{\"id\":1,\"result\":\"a,b\",\"error\":null}\n");
        Assert.That(await second, Is.EqualTo("a,b"));
    }

    [Test]
    public async Task CallAsync_WhenRepliesArriveOutOfOrder_MatchesThemById()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var client = new JsonRpcClient([$"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"]);

        var first = client.CallRawAsync("Test.A", "{}"u8.ToArray());
        await using var peer = RawJsonSocket.Wrap(await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        await peer.ReadLineAsync();
        var second = client.CallRawAsync("Test.B", "{}"u8.ToArray());
        await peer.ReadLineAsync();
        await peer.SendAsync("{\"id\":1,\"result\":\"b\",\"error\":null}\n{\"id\":0,\"result\":\"a\",\"error\":null}\n");

        Assert.That((await first).GetString(), Is.EqualTo("a"));
        Assert.That((await second).GetString(), Is.EqualTo("b"));
    }

    [Test]
    public async Task CallAsync_AgainstTheServer_RoundTripsTheReferenceMethods()
    {
        await using var server = WireTestServer.Start();
        await using var client = new JsonRpcClient([server.BoundAddress]);
        var json = WireTestJsonContext.Default;
        List<TestMetricValue> metrics =
        [
            new("h1", "cpu.idle", 99.5, 60, "GAUGE", "", 1_700_000_000),
            new("h1", "df.bytes.free", 1e21, 0, "GAUGE", "mount=/", 1_700_000_000),
        ];

        var status = await ReportStatusAsync(client);
        var update = await client.CallAsync("Transfer.Update", metrics, json.ListTestMetricValue, json.TestTransferResponse);
        var ips = await client.CallAsync("Agent.TrustableIps", new TestNullRequest(), json.TestNullRequest, json.String);

        Assert.That(status, Is.EqualTo(new TestSimpleRpcResponse(0)));
        Assert.That(update, Is.EqualTo(new TestTransferResponse("ok", 2, 1, 0)));
        Assert.That(ips, Is.EqualTo("10.0.0.1,10.0.0.2"));
    }

    [Test]
    public async Task CallRawAsync_ReturnsTheResultElement()
    {
        await using var server = WireTestServer.Start();
        await using var client = new JsonRpcClient([server.BoundAddress]);

        var result = await client.CallRawAsync("Agent.ReportStatus", Encoding.UTF8.GetBytes("""{"hostname":"h1"}"""));

        Assert.That(result.GetRawText(), Is.EqualTo("{\"code\":0}"));
    }

    [TestCase("Agent.Foo", "rpc: can't find method Agent.Foo")]
    [TestCase("Foo.Bar", "rpc: can't find service Foo.Bar")]
    [TestCase("Test.Fail", "boom")]
    public async Task CallAsync_WhenTheServerAnswersWithAnError_ThrowsJsonRpcExceptionWithItsString(string method, string error)
    {
        await using var server = WireTestServer.Start();
        await using var client = new JsonRpcClient([server.BoundAddress]);

        var ex = Assert.ThrowsAsync<JsonRpcException>(() => client.CallRawAsync(method, "{}"u8.ToArray()));

        Assert.That(ex.Message, Is.EqualTo(error));
        Assert.That(await ReportStatusAsync(client), Is.EqualTo(new TestSimpleRpcResponse(0)));
    }

    [TestCase("\"\"", "unspecified error")]
    [TestCase("{\"code\":1}", "invalid error {\"code\":1}")]
    public async Task CallAsync_WhenTheErrorIsEmptyOrNotAString_ReadsItAsGoDoes(string error, string message)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var client = new JsonRpcClient([$"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"]);

        var call = client.CallRawAsync("Test.A", "{}"u8.ToArray());
        await using var peer = RawJsonSocket.Wrap(await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        await peer.ReadLineAsync();
        await peer.SendAsync($$"""{"id":0,"result":null,"error":{{error}}}""");

        var ex = Assert.ThrowsAsync<JsonRpcException>(() => call);
        Assert.That(ex.Message, Is.EqualTo(message));
    }

    internal static Task<TestSimpleRpcResponse> ReportStatusAsync(JsonRpcClient client) =>
        client.CallAsync("Agent.ReportStatus", Report, WireTestJsonContext.Default.TestAgentReportRequest, WireTestJsonContext.Default.TestSimpleRpcResponse);
}
