using System.Net;
using System.Net.Sockets;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Shared.Wire;

/// <summary>Timeouts, failover, reconnects and broken connections.</summary>
public sealed class JsonRpcClientFailureTests
{
    [Test]
    public async Task CallAsync_WhenNoReplyComesWithinTheCallTimeout_ThrowsTimeoutException()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = WireTestServer.Start(s => s.Register(
            "Test.Hang", WireTestJsonContext.Default.TestNullRequest, WireTestJsonContext.Default.String,
            async (_, cancellationToken) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "never";
            }));
        var time = new FakeTimeProvider();
        await using var client = new JsonRpcClient([server.BoundAddress], timeProvider: time);

        var call = client.CallRawAsync("Test.Hang", "{}"u8.ToArray());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(call.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(async () => await call, Throws.InstanceOf<TimeoutException>());
        Assert.That(await JsonRpcClientTests.ReportStatusAsync(client), Is.EqualTo(new TestSimpleRpcResponse(0)));
    }

    [Test]
    public async Task CallAsync_WhenTheFirstAddressIsDown_FailsOverToTheSecond()
    {
        using var down = BindWithoutListening();
        await using var server = WireTestServer.Start();
        var downAddress = $"127.0.0.1:{((IPEndPoint)down.LocalEndPoint!).Port}";
        await using var client = new JsonRpcClient([downAddress, server.BoundAddress]);

        Assert.That(await JsonRpcClientTests.ReportStatusAsync(client), Is.EqualTo(new TestSimpleRpcResponse(0)));
        Assert.That(client.ConnectedAddress, Is.EqualTo(server.BoundAddress));
    }

    [Test]
    public async Task CallAsync_WhenNoAddressAnswers_ThrowsIOException()
    {
        using var down = BindWithoutListening();
        await using var client = new JsonRpcClient([$"127.0.0.1:{((IPEndPoint)down.LocalEndPoint!).Port}"]);

        Assert.That(() => JsonRpcClientTests.ReportStatusAsync(client),
            Throws.InstanceOf<IOException>().With.Message.StartsWith("jsonrpc: cannot connect to 127.0.0.1:"));
    }

    [Test]
    public async Task CallAsync_AfterTheServerRestartsOnTheSamePort_Reconnects()
    {
        var options = new JsonRpcClientOptions { ReconnectDelay = TimeSpan.FromMilliseconds(1), MaxReconnectDelay = TimeSpan.FromMilliseconds(10) };
        var first = WireTestServer.Start();
        var address = first.BoundAddress;
        await using var client = new JsonRpcClient([address], options);
        Assert.That(await JsonRpcClientTests.ReportStatusAsync(client), Is.EqualTo(new TestSimpleRpcResponse(0)));

        await first.DisposeAsync();
        await WireTestServer.WaitUntilAsync(() => client.ConnectedAddress is null);
        await using var second = WireTestServer.Start(address: address);

        Assert.That(await JsonRpcClientTests.ReportStatusAsync(client), Is.EqualTo(new TestSimpleRpcResponse(0)));
        Assert.That(second.OpenConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task CallAsync_WhenTheServerClosesTheConnection_FailsPendingCallsAtOnce()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        // Time never moves: only the close can end these calls.
        await using var client = new JsonRpcClient(
            [$"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"], timeProvider: new FakeTimeProvider());

        var calls = Enumerable.Range(0, 3).Select(_ => client.CallRawAsync("Test.A", "{}"u8.ToArray())).ToArray();
        var peer = RawJsonSocket.Wrap(await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < calls.Length; i++)
        {
            await peer.ReadLineAsync();
        }

        await peer.DisposeAsync();

        foreach (var call in calls)
        {
            Assert.That(async () => await call.WaitAsync(TimeSpan.FromSeconds(10)),
                Throws.InstanceOf<IOException>().With.Message.Contains("closed"));
        }
    }

    [Test]
    public async Task DisposeAsync_FailsPendingCallsAndLaterCalls()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new JsonRpcClient([$"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"]);
        var call = client.CallRawAsync("Test.A", "{}"u8.ToArray());
        await using var peer = RawJsonSocket.Wrap(await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        await peer.ReadLineAsync();

        await client.DisposeAsync();

        Assert.That(async () => await call.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(() => client.CallRawAsync("Test.A", "{}"u8.ToArray()), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(await peer.ReadToEndAsync(), Is.Empty);
    }

    /// <summary>A bound but not listening port refuses connections, and stays ours for the test.</summary>
    private static Socket BindWithoutListening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
