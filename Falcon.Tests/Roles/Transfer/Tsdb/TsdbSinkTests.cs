using Falcon.Roles.Transfer;
using Falcon.Roles.Transfer.Tsdb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Transfer.Tsdb;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TsdbSinkTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();

    public void Dispose() => _meters.Dispose();

    [Test]
    public async Task Stop_FlushesEveryQueuedPoint_WithoutWaitingForBatchDelay()
    {
        var writer = new ScriptedWriter();
        using var sink = Sink(writer, new TransferOptions { BatchSize = 4, Senders = 2, BatchDelay = TimeSpan.FromMinutes(1) }, out var queue);
        await sink.StartAsync(CancellationToken.None);
        Assert.That(sink.TryAccept(Samples.Make(7)), Is.True);
        Assert.That(sink.TryAccept(Samples.Make(3, first: 7)), Is.True);

        await sink.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Written.Select(s => s.Value).Order(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (double)i)));
            Assert.That(writer.Attempts.All(a => a.Length <= 4), Is.True);
            Assert.That(queue.Count, Is.Zero);
            Assert.That(sink.TryAccept(Samples.Make(1)), Is.False, "a stopped sink takes nothing more");
        });
    }

    [Test]
    public async Task Stop_WhenTheTsdbStaysDown_GivesUpAfterFlushTimeout()
    {
        var writer = new ScriptedWriter { Otherwise = TsdbWriteResult.Retryable("connection refused") };
        using var sink = Sink(writer, new TransferOptions { BatchSize = 10, BatchDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(20), FlushTimeout = TimeSpan.FromMilliseconds(300) }, out var queue);
        await sink.StartAsync(CancellationToken.None);
        sink.TryAccept(Samples.Make(5));

        await sink.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Written, Is.Empty);
            Assert.That(writer.Calls, Is.GreaterThan(1), "retried while flushing");
            Assert.That(queue.Count, Is.EqualTo(5), "what could not be written is still counted, not silently released");
        });
    }

    [Test]
    public void TryAccept_WhenTheQueueCannotTakeTheWholeBatch_TakesNothing()
    {
        using var sink = Sink(new ScriptedWriter(), new TransferOptions { QueueCapacity = 5 }, out var queue);

        Assert.Multiple(() =>
        {
            Assert.That(sink.TryAccept(Samples.Make(4)), Is.True);
            Assert.That(sink.TryAccept(Samples.Make(2)), Is.False);
            Assert.That(queue.Count, Is.EqualTo(4));
            Assert.That(_meters.Sum("falcon.transfer.tsdb.queued"), Is.EqualTo(4));
        });
    }

    private TsdbSink Sink(ScriptedWriter writer, TransferOptions options, out TsdbWriteQueue queue)
    {
        queue = new TsdbWriteQueue(options.QueueCapacity);
        return new TsdbSink(queue, writer, Options.Create(options), new TransferMetrics(_meters, queue), TimeProvider.System, NullLogger<TsdbSink>.Instance);
    }
}
