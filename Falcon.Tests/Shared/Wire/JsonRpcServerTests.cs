using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

/// <summary>Request and reply bodies from the reference, checked byte for byte on a plain socket.</summary>
public sealed class JsonRpcServerTests
{
    private JsonRpcServer _server = null!;

    [SetUp]
    public void SetUp() => _server = WireTestServer.Start();

    [TearDown]
    public async Task TearDown() => await _server.DisposeAsync();

    [Test]
    public void Start_WithPortZero_ExposesTheBoundEndpoint()
    {
        Assert.That(_server.LocalEndPoint.Port, Is.Not.Zero);
        Assert.That(_server.BoundAddress, Is.EqualTo($"127.0.0.1:{_server.LocalEndPoint.Port}"));
    }

    [Test]
    public async Task ReportStatus_WithTheGoAgentRequest_RepliesCodeZeroAsGoWritesIt() =>
        Assert.That(await CallAsync(WireTestServer.ReportStatusFrame), Is.EqualTo(WireTestServer.ReportStatusReply));

    [TestCase("""{"hostname":"h1","ip":"10.0.0.1","agentversion":"7.0.0","pluginversion":"x"}""", 0)]
    [TestCase("""{"HOSTNAME":"h1"}""", 0)]
    [TestCase("""{"HostName":"h1","Unknown":[1,2]}""", 0)]
    [TestCase("{}", 1)]
    public async Task ReportStatus_ReadsFieldNamesInAnyCase(string param, int code) =>
        Assert.That(
            await CallAsync($$"""{"method":"Agent.ReportStatus","params":[{{param}}],"id":5}"""),
            Is.EqualTo($$"""{"id":5,"result":{"code":{{code}}},"error":null}""" + "\n"));

    [Test]
    public async Task Envelope_WithKeysInAnyCaseAndOrder_IsAccepted() =>
        Assert.That(
            await CallAsync("""{ "ID" : 7, "Params" : [ {"Hostname":"h1"} ], "Method" : "Agent.ReportStatus" }"""),
            Is.EqualTo("{\"id\":7,\"result\":{\"code\":0},\"error\":null}\n"));

    [Test]
    public async Task TransferUpdate_WithAnArrayParam_RepliesTransferResponseAsGoWritesIt()
    {
        const string frame = """
            {"method":"Transfer.Update","params":[[
              {"endpoint":"h1","metric":"cpu.idle","value":99.5,"step":60,"counterType":"GAUGE","tags":"","timestamp":1700000000},
              {"endpoint":"h1","metric":"net.if.in.bytes","value":100,"step":60,"counterType":"COUNTER","tags":"iface=eth0","timestamp":1700000000}
            ]],"id":1}
            """;

        Assert.That(
            await CallAsync(frame),
            Is.EqualTo("{\"id\":1,\"result\":{\"Message\":\"ok\",\"Total\":2,\"Invalid\":0,\"Latency\":0},\"error\":null}\n"));
    }

    [Test]
    public async Task TrustableIps_WithANullRequest_RepliesABareString() =>
        Assert.That(
            await CallAsync("""{"method":"Agent.TrustableIps","params":[{}],"id":3}"""),
            Is.EqualTo("{\"id\":3,\"result\":\"10.0.0.1,10.0.0.2\",\"error\":null}\n"));

    [TestCase("[]", 1)]
    [TestCase("[null]", 1)]
    [TestCase("""[{"Hostname":"h1"},{"Hostname":""}]""", 0)]
    public async Task Params_OfOtherLengths_AreReadAsGoReadsThem(string parameters, int code) =>
        Assert.That(
            await CallAsync($$"""{"method":"Agent.ReportStatus","params":{{parameters}},"id":2}"""),
            Is.EqualTo($$"""{"id":2,"result":{"code":{{code}}},"error":null}""" + "\n"));

    [TestCase("\"abc\"", "\"abc\"")]
    [TestCase("18446744073709551615", "18446744073709551615")]
    [TestCase("1.5e3", "1.5e3")]
    [TestCase("{ \"a\" : [1, 2] }", "{\"a\":[1,2]}")]
    [TestCase("null", "null")]
    public async Task Id_IsEchoedAsItsRawJsonValue(string id, string echoed) =>
        Assert.That(
            await CallAsync($$"""{"method":"Agent.TrustableIps","params":[{}],"id":{{id}}}"""),
            Is.EqualTo($$"""{"id":{{echoed}},"result":"10.0.0.1,10.0.0.2","error":null}""" + "\n"));

    [Test]
    public async Task Id_WhenMissing_IsEchoedAsNull() =>
        Assert.That(
            await CallAsync("""{"method":"Agent.TrustableIps","params":[{}]}"""),
            Is.EqualTo("{\"id\":null,\"result\":\"10.0.0.1,10.0.0.2\",\"error\":null}\n"));

    [Test]
    public async Task Reply_WithNonAsciiText_IsWrittenAsRawUtf8LikeGo()
    {
        await using var server = WireTestServer.Start(s => s.Register(
            "Test.Text", WireTestJsonContext.Default.TestNullRequest, WireTestJsonContext.Default.String,
            (_, _) => ValueTask.FromResult("主机 é")));
        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);

        await socket.SendAsync("""{"method":"Test.Text","params":[{}],"id":1}""");

        Assert.That(await socket.ReadLineAsync(), Is.EqualTo("{\"id\":1,\"result\":\"主机 é\",\"error\":null}\n"));
    }

    [Test]
    public async Task Frames_SplitAcrossWritesAndSeparatedByWhitespace_AreAllAnswered()
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        var frame = WireTestServer.ReportStatusFrame;

        await socket.SendAsync(frame[..20]);
        await socket.SendAsync(frame[20..] + "\r\n \t" + frame.Replace("\"id\":0", "\"id\":1", StringComparison.Ordinal) + frame);

        string[] replies = [await socket.ReadLineAsync(), await socket.ReadLineAsync(), await socket.ReadLineAsync()];
        Assert.That(replies.Order(), Is.EqualTo((string[])[
            WireTestServer.ReportStatusReply,
            WireTestServer.ReportStatusReply,
            WireTestServer.ReportStatusReply.Replace("\"id\":0", "\"id\":1", StringComparison.Ordinal)]));
    }

    [TestCase(JsonRpcServerOptions.DefaultReadBufferBytes)]
    [TestCase(64 * 1024)]
    public async Task LargePushes_AndSmallCalls_AreAnsweredWhateverTheReadBuffer(int readBufferBytes)
    {
        // Transfer reads 64 KiB at a time (waiting for data before taking a buffer); pushes larger than that, split
        // writes and a small call right behind a large one must all come through as with the default buffer.
        await using var server = WireTestServer.Start(options: new JsonRpcServerOptions { ReadBufferBytes = readBufferBytes });
        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);
        var item = """{"endpoint":"h1","metric":"cpu.idle","value":99.5,"step":60,"counterType":"GAUGE","tags":"","timestamp":1700000000}""";
        string Push(int id, int count) =>
            $$"""{"method":"Transfer.Update","params":[[{{string.Join(",", Enumerable.Repeat(item, count))}}]],"id":{{id}}}""" + "\n";
        string Reply(int id, int count) =>
            $$"""{"id":{{id}},"result":{"Message":"ok","Total":{{count}},"Invalid":0,"Latency":0},"error":null}""" + "\n";

        var big = Push(1, 1500); // about 180 KB
        await socket.SendAsync(big[..70_000]);
        await socket.SendAsync(big[70_000..]);
        Assert.That(await socket.ReadLineAsync(), Is.EqualTo(Reply(1, 1500)));

        await socket.SendAsync(Push(2, 200) + Push(3, 1));
        string[] replies = [await socket.ReadLineAsync(), await socket.ReadLineAsync()];
        Assert.That(replies.Order(), Is.EqualTo(new[] { Reply(2, 200), Reply(3, 1) }.Order()));

        await socket.SendAsync(WireTestServer.ReportStatusFrame + "\n");
        Assert.That(await socket.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusReply));
    }

    [Test]
    public async Task Calls_OnOneConnection_AreAnsweredAsTheyFinishNotAsTheyCame()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = WireTestServer.Start(s => s.Register(
            "Test.Slow", WireTestJsonContext.Default.TestNullRequest, WireTestJsonContext.Default.String,
            async (_, _) =>
            {
                await gate.Task;
                return "slow";
            }));
        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);

        await socket.SendAsync("""{"method":"Test.Slow","params":[{}],"id":1}{"method":"Agent.TrustableIps","params":[{}],"id":2}""");
        var first = await socket.ReadLineAsync();
        gate.SetResult();
        var second = await socket.ReadLineAsync();

        Assert.That(first, Is.EqualTo("{\"id\":2,\"result\":\"10.0.0.1,10.0.0.2\",\"error\":null}\n"));
        Assert.That(second, Is.EqualTo("{\"id\":1,\"result\":\"slow\",\"error\":null}\n"));
    }

    private async Task<string> CallAsync(string frame)
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        await socket.SendAsync(frame);
        return await socket.ReadLineAsync();
    }
}
