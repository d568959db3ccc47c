using System.Net.Sockets;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Shared.Wire;

public sealed class JsonRpcServerLifecycleTests
{
    private const string SlowFrame = """{"method":"Test.Slow","params":[{}],"id":1}""";

    [Test]
    public async Task StopAsync_LetsInFlightCallsFinishThenClosesConnections()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = StartWithSlowMethod(started, gate);
        var endPoint = server.LocalEndPoint;
        await using var socket = await RawJsonSocket.ConnectAsync(endPoint);
        await socket.SendAsync(SlowFrame);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stop = server.StopAsync(CancellationToken.None);
        Assert.That(stop.IsCompleted, Is.False);
        gate.SetResult();

        Assert.That(await socket.ReadLineAsync(), Is.EqualTo("{\"id\":1,\"result\":\"slow\",\"error\":null}\n"));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await socket.ReadToEndAsync(), Is.Empty);
        Assert.That(async () => await RawJsonSocket.ConnectAsync(endPoint), Throws.InstanceOf<SocketException>());
    }

    [Test]
    public async Task StopAsync_WhenTheDeadlinePasses_CancelsHandlersAndCloses()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = WireTestServer.Start(s => s.Register(
            "Test.Slow", WireTestJsonContext.Default.TestNullRequest, WireTestJsonContext.Default.String,
            async (_, cancellationToken) =>
            {
                started.SetResult();
                using var registration = cancellationToken.Register(cancelled.SetResult);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "never";
            }));
        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);
        await socket.SendAsync(SlowFrame);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await server.StopAsync(new CancellationToken(canceled: true)).WaitAsync(TimeSpan.FromSeconds(10));

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await socket.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task Connection_WhenIdleForTheTimeout_IsClosed()
    {
        var time = new FakeTimeProvider();
        await using var server = WireTestServer.Start(
            options: new JsonRpcServerOptions { IdleTimeout = TimeSpan.FromMinutes(5) }, timeProvider: time);
        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);
        await WireTestServer.WaitUntilAsync(() => server.OpenConnections == 1);

        time.Advance(TimeSpan.FromMinutes(4));
        await socket.SendAsync(WireTestServer.ReportStatusFrame);
        Assert.That(await socket.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusReply));

        // The reply pushed the deadline back; it may be re-armed just after the read, so step until it fires.
        var closed = socket.ReadToEndAsync();
        while (!closed.IsCompleted)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await Task.WhenAny(closed, Task.Delay(10));
        }

        Assert.That(await closed, Is.Empty);
        await WireTestServer.WaitUntilAsync(() => server.OpenConnections == 0);
    }

    [Test]
    public async Task Connections_BeyondTheMax_AreClosedAtOnce()
    {
        await using var server = WireTestServer.Start(options: new JsonRpcServerOptions { MaxConnections = 1 });
        await using var first = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);
        await first.SendAsync(WireTestServer.ReportStatusFrame);
        Assert.That(await first.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusReply));

        await using var second = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);
        Assert.That(await second.ReadToEndAsync(), Is.Empty);

        await first.SendAsync(WireTestServer.ReportStatusFrame);
        Assert.That(await first.ReadLineAsync(), Is.EqualTo(WireTestServer.ReportStatusReply));
    }

    [Test]
    public async Task InFlightCalls_PerConnection_AreBoundedAndTheRestWait()
    {
        var running = 0;
        var maxRunning = 0;
        var gate = new SemaphoreSlim(0);
        await using var server = WireTestServer.Start(
            s => s.Register(
                "Test.Gated", WireTestJsonContext.Default.TestEcho, WireTestJsonContext.Default.TestEcho,
                async (echo, cancellationToken) =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref maxRunning, now);
                    await gate.WaitAsync(cancellationToken);
                    Interlocked.Decrement(ref running);
                    return echo;
                }),
            new JsonRpcServerOptions { MaxInFlightPerConnection = 2 });
        await using var socket = await RawJsonSocket.ConnectAsync(server.LocalEndPoint);

        await socket.SendAsync(string.Concat(Enumerable.Range(0, 5).Select(i =>
            $$"""{"method":"Test.Gated","params":[{"Client":0,"Seq":{{i}},"Text":"t"}],"id":{{i}}}""")));
        await WireTestServer.WaitUntilAsync(() => Volatile.Read(ref running) == 2);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            gate.Release();
            ids.Add((await socket.ReadLineAsync())[..8]);
        }

        Assert.That(Volatile.Read(ref maxRunning), Is.EqualTo(2));
        Assert.That(ids, Is.EquivalentTo(Enumerable.Range(0, 5).Select(i => $"{{\"id\":{i},")));
    }

    private static JsonRpcServer StartWithSlowMethod(TaskCompletionSource started, TaskCompletionSource gate) =>
        WireTestServer.Start(s => s.Register(
            "Test.Slow", WireTestJsonContext.Default.TestNullRequest, WireTestJsonContext.Default.String,
            async (_, _) =>
            {
                started.SetResult();
                await gate.Task;
                return "slow";
            }));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
