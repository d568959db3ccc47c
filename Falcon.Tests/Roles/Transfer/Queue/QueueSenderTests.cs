using Falcon.Roles.Transfer;
using Falcon.Roles.Transfer.Queue;
using Falcon.Roles.Transfer.Tsdb;
using Falcon.Tests.Roles.Transfer.Tsdb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Transfer.Queue;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class QueueSenderTests : IDisposable
{
    private readonly QueueTestDirectory _directory = new();
    private readonly TestMeterFactory _meters = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose()
    {
        _directory.Dispose();
        _meters.Dispose();
    }

    [Test]
    public async Task Send_WritesTheRecordsAsOneRequest_AndTheQueueForgetsThem()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 3);
        QueueTestDirectory.Append(queue, 2, 3);
        var writer = new ScriptedWriter();
        var sender = Sender(queue, writer, batchSize: 5);

        var batch = await sender.NextAsync(CancellationToken.None);
        await sender.SendAsync(batch!, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Attempts.Single(), Is.EqualTo(new double[] { 0, 1, 2, 3, 4 }));
            Assert.That(queue.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Next_WithFewerPointsThanABatch_WaitsForTheBatchDelay()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 2);
        var sender = Sender(queue, new ScriptedWriter(), batchSize: 100);

        var next = sender.NextAsync(CancellationToken.None);
        var waitedBeforeDelay = next.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(1));

        var batch = await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Multiple(() =>
        {
            Assert.That(waitedBeforeDelay, Is.False);
            Assert.That(batch?.Points, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Send_RetriesARetryableFailure_WithBackoff_UntilWritten()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 2);
        var writer = new ScriptedWriter(TsdbWriteResult.Retryable("HTTP 503"), TsdbWriteResult.Retryable("HTTP 503"));
        var sender = Sender(queue, writer, batchSize: 2);

        var batch = await sender.NextAsync(CancellationToken.None);
        var send = sender.SendAsync(batch!, CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(writer.Calls == 1), what: "the first attempt");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Poll.UntilAsync(() => Task.FromResult(writer.Calls == 2), what: "the second attempt after 100 ms");
        Assert.That(queue.Count, Is.EqualTo(2), "not written yet: still queued");
        _time.Advance(TimeSpan.FromMilliseconds(200));
        await send.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Calls, Is.EqualTo(3));
            Assert.That(writer.Written, Is.EqualTo(new double[] { 0, 1 }));
            Assert.That(queue.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Send_DropsABatchRefusedForGood()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 2);
        var writer = new ScriptedWriter(TsdbWriteResult.Permanent("HTTP 400"));
        var sender = Sender(queue, writer, batchSize: 2);

        await sender.SendAsync((await sender.NextAsync(CancellationToken.None))!, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Calls, Is.EqualTo(1));
            Assert.That(writer.Written, Is.Empty);
            Assert.That(queue.Count, Is.Zero);
        });
    }

    [Test]
    public async Task Run_AfterClose_SendsWhatIsLeftAndEnds()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 3);
        QueueTestDirectory.Append(queue, 3, 3);
        queue.Close();
        var writer = new ScriptedWriter();

        await Sender(queue, writer, batchSize: 4).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(writer.Written, Is.EqualTo(new double[] { 0, 1, 2, 3, 4, 5 }));
    }

    [Test]
    public void Compact_DropsEveryHeader()
    {
        byte[] records = [2, 0, 0, 0, 1, 0, 0, 0, 9, 9, 9, 9, 0xA, 0xB, 1, 0, 0, 0, 1, 0, 0, 0, 9, 9, 9, 9, 0xC];

        var length = QueueSender.Compact(records, 2);

        Assert.That(records[..length], Is.EqualTo(new byte[] { 0xA, 0xB, 0xC }));
    }

    private QueueSender Sender(DiskQueue queue, ScriptedWriter writer, int batchSize) =>
        new(queue, writer, new TransferOptions { BatchSize = batchSize, BatchDelay = TimeSpan.FromSeconds(1) }, new TransferMetrics(_meters), _time, NullLogger.Instance);
}
