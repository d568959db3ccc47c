using System.Collections.Concurrent;
using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Push;
using Falcon.Shared.Model;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Push;

public sealed class TransferSenderTests
{
    [Test]
    public async Task WhileEveryTransferIsDown_PointsWait_AndAreReplayedInOrderWhenOneComesBack()
    {
        using var meters = new TestMeterFactory();
        var time = new FakeTimeProvider();
        var buffer = new PushBuffer(100, new AgentMetrics(meters));
        var transfer = new FakeTransfer { Up = false };
        using var sender = Sender(buffer, transfer, meters, time, o => o.BatchSize = 2);
        await sender.StartAsync(CancellationToken.None);

        buffer.Add(PushBufferTests.Points(1, 2, 3));
        await Poll.UntilAsync(() => Task.FromResult(transfer.Attempts >= 1));
        Assert.That(buffer.Count, Is.EqualTo(3));

        transfer.Up = true;
        await DrainedAsync(buffer, time);
        await sender.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(transfer.Batches.Select(b => string.Join(",", b)), Is.EqualTo(new[] { "1,2", "3" }));
            Assert.That(meters.Sum("falcon.agent.points.sent"), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task WhenTheBufferOverflowsDuringAnOutage_TheOldestAreDropped_AndTheRestReplayed()
    {
        using var meters = new TestMeterFactory();
        var time = new FakeTimeProvider();
        var buffer = new PushBuffer(3, new AgentMetrics(meters));
        var transfer = new FakeTransfer { Up = false };
        using var sender = Sender(buffer, transfer, meters, time);
        await sender.StartAsync(CancellationToken.None);

        buffer.Add(PushBufferTests.Points(1, 2));
        await Poll.UntilAsync(() => Task.FromResult(transfer.Attempts >= 1));
        buffer.Add(PushBufferTests.Points(3, 4, 5));
        transfer.Up = true;
        await DrainedAsync(buffer, time);
        await sender.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(transfer.Batches.SelectMany(b => b), Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(meters.Sum("falcon.agent.points.dropped"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task OnStop_BufferedPointsAreFlushed()
    {
        using var meters = new TestMeterFactory();
        var buffer = new PushBuffer(100, new AgentMetrics(meters));
        var transfer = new FakeTransfer { Up = false };
        using var sender = Sender(buffer, transfer, meters, new FakeTimeProvider());
        await sender.StartAsync(CancellationToken.None);
        buffer.Add(PushBufferTests.Points(1, 2));
        await Poll.UntilAsync(() => Task.FromResult(transfer.Attempts >= 1));

        // transfer is back, but the sender's retry delay has not passed: only the stop's flush can send now.
        transfer.Up = true;
        await sender.StopAsync(CancellationToken.None);

        Assert.That(transfer.Batches.SelectMany(b => b), Is.EqualTo(new long[] { 1, 2 }));
    }

    // Moves time on until the sender's retry delay (whenever it was armed) has passed and the buffer is empty.
    private static Task DrainedAsync(PushBuffer buffer, FakeTimeProvider time) =>
        Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return Task.FromResult(buffer.Count == 0);
        }, what: "the buffer drained");

    private static TransferSender Sender(PushBuffer buffer, FakeTransfer transfer, TestMeterFactory meters, TimeProvider time, Action<AgentOptions>? configure = null) =>
        new(buffer, transfer, new AgentMetrics(meters), AgentTestOptions.Create(configure), time, NullLogger<TransferSender>.Instance);

    private sealed class FakeTransfer : ITransferClient
    {
        private int _attempts;
        private volatile bool _up;

        public bool Up
        {
            get => _up;
            set => _up = value;
        }

        public ConcurrentQueue<long[]> Batches { get; } = new();

        public int Attempts => Volatile.Read(ref _attempts);

        public Task<TransferReply> UpdateAsync(IReadOnlyList<MetricValue> batch, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (!Up)
            {
                throw new RpcUnavailableException("127.0.0.1:8433: connection refused");
            }

            Batches.Enqueue([.. batch.Select(p => p.Timestamp)]);
            return Task.FromResult(new TransferReply("127.0.0.1:8433", batch.Count, 0));
        }
    }
}
