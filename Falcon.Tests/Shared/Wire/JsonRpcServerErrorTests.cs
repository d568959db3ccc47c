using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

/// <summary>Error replies carry the strings Go's net/rpc sends, and a bad request never costs the connection
/// unless the stream itself is unreadable.</summary>
public sealed class JsonRpcServerErrorTests
{
    private JsonRpcServer _server = null!;

    [SetUp]
    public void SetUp() => _server = WireTestServer.Start(options: new JsonRpcServerOptions { MaxFrameBytes = 4096 });

    [TearDown]
    public async Task TearDown() => await _server.DisposeAsync();

    [TestCase("Agent.Foo", "rpc: can't find method Agent.Foo")]
    [TestCase("Foo.Bar", "rpc: can't find service Foo.Bar")]
    [TestCase("agent.ReportStatus", "rpc: can't find service agent.ReportStatus")]
    [TestCase("Agent.Foo.Bar", "rpc: can't find service Agent.Foo.Bar")]
    [TestCase("NoDot", "rpc: service/method request ill-formed: NoDot")]
    [TestCase("", "rpc: service/method request ill-formed: ")]
    public async Task Call_WhenMethodIsUnknown_ReturnsTheGoErrorString(string method, string error) =>
        Assert.That(
            await CallAsync($$"""{"method":"{{method}}","params":[{}],"id":4}"""),
            Is.EqualTo($$"""{"id":4,"result":null,"error":"{{error}}"}""" + "\n"));

    [TestCase("""{"method":"Agent.ReportStatus","id":4}""", "jsonrpc: request body missing params")]
    [TestCase("""{"method":"Agent.ReportStatus","params":null,"id":4}""", "jsonrpc: request body missing params")]
    [TestCase("""{"method":"Agent.ReportStatus","params":{"Hostname":"h1"},"id":4}""", "json: cannot unmarshal object into Go value of type [1]interface {}")]
    [TestCase("""{"method":"Agent.ReportStatus","params":"x","id":4}""", "json: cannot unmarshal string into Go value of type [1]interface {}")]
    [TestCase("""{"method":12,"params":[{}],"id":4}""", "rpc: server cannot decode request: json: cannot unmarshal number into Go struct field serverRequest.method of type string")]
    public async Task Call_WhenTheEnvelopeIsWrong_ReturnsTheGoErrorString(string frame, string error) =>
        Assert.That(await CallAsync(frame), Is.EqualTo($$"""{"id":4,"result":null,"error":"{{error}}"}""" + "\n"));

    [TestCase("[1,2]", "array")]
    [TestCase("42", "number")]
    [TestCase("\"Agent.ReportStatus\"", "string")]
    public async Task Call_WhenTheFrameIsNotAnObject_ReturnsAnErrorWithNullId(string frame, string kind) =>
        Assert.That(
            await CallAsync(frame + "\n"),
            Is.EqualTo($$"""{"id":null,"result":null,"error":"rpc: server cannot decode request: json: cannot unmarshal {{kind}} into Go value of type jsonrpc.serverRequest"}""" + "\n"));

    [TestCase("""["x"]""")]
    [TestCase("""[[1]]""")]
    [TestCase("""[{"Hostname":5}]""")]
    public async Task Call_WhenParamHasTheWrongType_ReturnsAnErrorAndKeepsTheConnection(string parameters)
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);

        await socket.SendAsync($$"""{"method":"Agent.ReportStatus","params":{{parameters}},"id":9}""");
        var error = await socket.ReadLineAsync();
        await socket.SendAsync(WireTestServer.ReportStatusFrame);

        Assert.That(error, Does.StartWith("{\"id\":9,\"result\":null,\"error\":\"").And.EndWith("\"}\n"));
        Assert.That(await socket.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusReply));
    }

    [Test]
    public async Task Call_WhenTheHandlerThrows_ReturnsTheExceptionMessage() =>
        Assert.That(
            await CallAsync("""{"method":"Test.Fail","params":[{}],"id":6}"""),
            Is.EqualTo("{\"id\":6,\"result\":null,\"error\":\"boom\"}\n"));

    [Test]
    public async Task Call_WhenTheHandlerRefuses_ReturnsTheRefusalAsTheErrorString() =>
        Assert.That(
            await CallAsync("""{"method":"Test.Refuse","params":[{}],"id":7}"""),
            Is.EqualTo("{\"id\":7,\"result\":null,\"error\":\"queue full, retry later\"}\n"));

    [Test]
    public async Task Frame_WhenNotJson_GetsAnErrorReplyAndTheConnectionCloses()
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);

        await socket.SendAsync("hello\n");

        Assert.That(await socket.ReadLineAsync(), Does.StartWith("{\"id\":null,\"result\":null,\"error\":\"rpc: server cannot decode request: "));
        Assert.That(await socket.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task Frame_WhenLargerThanTheMax_GetsAnErrorReplyAndTheConnectionCloses()
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        var frame = "{\"method\":\"Agent.ReportStatus\",\"params\":[{\"Hostname\":\"";

        // Exactly one byte over the limit, all of it read by the server, so the close is a clean FIN.
        await socket.SendAsync(frame + new string('a', 4097 - frame.Length));

        Assert.That(await socket.ReadLineAsync(), Is.EqualTo("{\"id\":null,\"result\":null,\"error\":\"jsonrpc: request larger than 4096 bytes\"}\n"));
        Assert.That(await socket.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task Frame_WhenTheStreamEndsInsideIt_GetsAnErrorReplyAndTheConnectionCloses()
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);

        await socket.SendAsync(WireTestServer.ReportStatusFrame[..30]);
        socket.ShutdownSend();

        Assert.That(await socket.ReadLineAsync(), Does.StartWith("{\"id\":null,\"result\":null,\"error\":\"rpc: server cannot decode request: "));
        Assert.That(await socket.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public void Register_WhenTheRequestTypeReadsNamesCaseSensitively_Throws()
    {
        var caseSensitive = new WireTestJsonContext(new System.Text.Json.JsonSerializerOptions());
        var server = new JsonRpcServer("127.0.0.1:0");

        Assert.That(
            () => server.Register("Agent.ReportStatus", caseSensitive.TestAgentReportRequest, caseSensitive.TestSimpleRpcResponse,
                (_, _) => ValueTask.FromResult(new TestSimpleRpcResponse(0))),
            Throws.ArgumentException.With.Message.Contains("PropertyNameCaseInsensitive"));
    }

    [Test]
    public void Register_AfterStart_Throws() =>
        Assert.That(
            () => _server.Register("Agent.Late", (_, result, _) =>
            {
                result.WriteNullValue();
                return ValueTask.CompletedTask;
            }),
            Throws.InvalidOperationException);

    private async Task<string> CallAsync(string frame)
    {
        await using var socket = await RawJsonSocket.ConnectAsync(_server.LocalEndPoint);
        await socket.SendAsync(frame);
        return await socket.ReadLineAsync();
    }
}
