using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Falcon.Hosting.Http;

namespace Falcon.Tests.Hosting.Http;

public sealed class SmallHttpServerTests
{
    private const long MaxBody = 1024;
    private ServiceProvider _services = null!;
    private SmallHttpServer _server = null!;

    [SetUp]
    public void SetUp()
    {
        _services = new ServiceCollection().BuildServiceProvider();
        HttpRoute[] routes =
        [
            new(HttpMethods.Get, "/ping", context => context.Response.WriteAsync("pong")),
            new(HttpMethods.Post, "/echo", Echo),
            new(HttpMethods.Get, "/fail", _ => throw new InvalidOperationException("broken handler")),
        ];
        _server = new SmallHttpServer(new IPEndPoint(IPAddress.Loopback, 0), routes, _services, NullLogger.Instance, MaxBody);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Test]
    public async Task AnHttpClient_GetsTheHandlersAnswer_MatchedIgnoringCaseAndATrailingSlash()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{_server.LocalEndPoint}") };

        var ping = await http.GetStringAsync(new Uri("/PING/", UriKind.Relative));
        using var echoed = await http.PostAsync(new Uri("/echo?x=1", UriKind.Relative), new StringContent("hello", Encoding.UTF8, "text/plain"));

        var echo = await echoed.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ping, Is.EqualTo("pong"));
            Assert.That(echoed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(echoed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-echo"));
            Assert.That(echo, Is.EqualTo("POST /echo ?x=1 hello"));
        });
    }

    [Test]
    public async Task PipelinedRequestsOnOneConnection_AreAnsweredInOrder()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "GET /ping HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab");
        var first = await ReadResponseAsync(client);
        var second = await ReadResponseAsync(client);

        Assert.Multiple(() =>
        {
            Assert.That((first.Status, first.Body), Is.EqualTo((200, "pong")));
            Assert.That((second.Status, second.Body), Is.EqualTo((200, "POST /echo  ab")));
        });
    }

    [Test]
    public async Task AChunkedBody_IsReassembledForTheHandler()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nTrailer: t\r\n\r\n");
        var response = await ReadResponseAsync(client);

        Assert.That((response.Status, response.Body), Is.EqualTo((200, "POST /echo  abc0123456789")));
    }

    [Test]
    public async Task ExpectContinue_IsAnsweredBeforeTheClientSendsTheBody()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        var interim = await ReadResponseAsync(client);
        await SendAsync(client, "body");
        var response = await ReadResponseAsync(client);

        Assert.Multiple(() =>
        {
            Assert.That(interim.Status, Is.EqualTo(100));
            Assert.That((response.Status, response.Body), Is.EqualTo((200, "POST /echo  body")));
        });
    }

    [Test]
    public async Task AnUnknownPath_Is404_AndAKnownPathWithAnotherMethod_Is405NamingTheAllowedOne()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{_server.LocalEndPoint}") };

        using var missing = await http.GetAsync(new Uri("/run", UriKind.Relative));
        using var wrongMethod = await http.PostAsync(new Uri("/ping", UriKind.Relative), new StringContent("x"));

        Assert.Multiple(() =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(wrongMethod.Content.Headers.Allow, Is.EqualTo(new[] { "GET" }));
        });
    }

    [TestCase("POST /echo HTTP/1.1\r\nContent-Length: 1025\r\n\r\n", 413)]
    [TestCase("POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400)]
    [TestCase("POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 400)]
    [TestCase("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400)]
    [TestCase("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n401\r\n", 413)]
    [TestCase("GET /ping\r\n\r\n", 400)]
    [TestCase("GET ping HTTP/1.1\r\n\r\n", 400)]
    [TestCase("GET /ping HTTP/1.1\r\nno colon here\r\n\r\n", 400)]
    public async Task ARequestThatCannotBeRead_IsRefusedWithItsStatus_AndTheConnectionClosed(string request, int status)
    {
        using var client = await ConnectAsync();

        await SendAsync(client, request);
        var response = await ReadResponseAsync(client);
        var afterwards = await client.ReceiveAsync(new byte[1]);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.Headers, Does.Contain("Connection: close"));
            Assert.That(afterwards, Is.Zero, "closed");
        });
    }

    [Test]
    public async Task AHeadOverThe32KBLimit_Is431()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "GET /ping HTTP/1.1\r\nX-Big: " + new string('a', SmallHttpServer.MaxHeadBytes) + "\r\n\r\n");
        var response = await ReadResponseAsync(client);

        Assert.That(response.Status, Is.EqualTo(431));
    }

    [Test]
    public async Task AHandlerThatThrows_Is500_AndTheConnectionKeepsServing()
    {
        using var client = await ConnectAsync();

        await SendAsync(client, "GET /fail HTTP/1.1\r\n\r\n");
        var failed = await ReadResponseAsync(client);
        await SendAsync(client, "GET /ping HTTP/1.1\r\n\r\n");
        var next = await ReadResponseAsync(client);

        Assert.That((failed.Status, next.Status, next.Body), Is.EqualTo((500, 200, "pong")));
    }

    [Test]
    public async Task Stop_ClosesIdleConnections_AndRefusesNewOnes()
    {
        using var idle = await ConnectAsync();

        await _server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var read = await idle.ReceiveAsync(new byte[1]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.Zero, "the idle connection was closed");
            Assert.ThrowsAsync<SocketException>(async () => await ConnectAsync());
        });
    }

    private static async Task Echo(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        context.Response.ContentType = "application/x-echo";
        await context.Response.WriteAsync($"{context.Request.Method} {context.Request.Path} {context.Request.QueryString} {body}");
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(_server.LocalEndPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task SendAsync(Socket socket, string text) => await socket.SendAsync(Encoding.Latin1.GetBytes(text));

    // Reads one response: its head up to the blank line, then Content-Length bytes of body.
    private static async Task<(int Status, string Headers, string Body)> ReadResponseAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await socket.ReceiveAsync(one, timeout.Token) == 0)
            {
                throw new IOException($"connection closed after '{head}'");
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var lengthLine = lines.FirstOrDefault(l => l.StartsWith("Content-Length: ", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await socket.ReceiveAsync(body.AsMemory(read), timeout.Token);
            if (n == 0)
            {
                throw new IOException("connection closed in the body");
            }

            read += n;
        }

        return (status, head.ToString(), Encoding.UTF8.GetString(body));
    }
}
