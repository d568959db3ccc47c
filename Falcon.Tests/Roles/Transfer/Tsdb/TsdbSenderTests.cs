using Falcon.Roles.Transfer;
using Falcon.Roles.Transfer.Tsdb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Transfer.Tsdb;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TsdbSenderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TestMeterFactory _meters = new();
    private readonly TsdbWriteQueue _queue = new(1_000);
    private readonly TransferOptions _options = new() { BatchSize = 5, BatchDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(1) };

    public void Dispose() => _meters.Dispose();

    [Test]
    public async Task Fill_TakesAtMostBatchSizePoints_AndKeepsTheRestOfAnIngestBatchForTheNext()
    {
        var sender = Sender(new ScriptedWriter());
        _queue.TryWrite(Samples.Make(3));
        _queue.TryWrite(Samples.Make(4, first: 3));

        Assert.That(await sender.FillAsync(CancellationToken.None), Is.True);
        Assert.That(sender.BatchCount, Is.EqualTo(5));
        await sender.SendAsync(CancellationToken.None);

        var second = sender.FillAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.That(second.IsCompleted, Is.False, "a short batch waits for batchDelay");
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await second.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(sender.BatchCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Fill_WhenMorePointsArriveWithinBatchDelay_AddsThemToTheBatch()
    {
        var sender = Sender(new ScriptedWriter());
        _queue.TryWrite(Samples.Make(2));

        var fill = sender.FillAsync(CancellationToken.None);
        await Task.Delay(50);
        _queue.TryWrite(Samples.Make(3, first: 2));

        Assert.That(await fill.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(sender.BatchCount, Is.EqualTo(5));
    }

    [Test]
    public async Task Fill_WhenTheQueueIsCompletedAndEmpty_ReturnsFalse()
    {
        var sender = Sender(new ScriptedWriter());
        _queue.Complete();

        Assert.That(await sender.FillAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)), Is.False);
    }

    [Test]
    public async Task Send_RetriesARetryableFailureWithBackoff_UntilTheBatchIsWritten()
    {
        var writer = new ScriptedWriter(TsdbWriteResult.Retryable("503"), TsdbWriteResult.Retryable("503"));
        var sender = Sender(writer);
        _queue.TryWrite(Samples.Make(5));
        await sender.FillAsync(CancellationToken.None);

        var send = sender.SendAsync(CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(writer.Calls == 1));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Poll.UntilAsync(() => Task.FromResult(writer.Calls == 2));
        _time.Advance(TimeSpan.FromMilliseconds(199));
        await Task.Delay(50);
        Assert.That(writer.Calls, Is.EqualTo(2), "the second retry waits twice as long");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await send.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(writer.Written.Select(s => s.Value), Is.EqualTo(new double[] { 0, 1, 2, 3, 4 }));
            Assert.That(writer.Attempts, Has.Count.EqualTo(3).And.All.Length.EqualTo(5));
            Assert.That(_queue.Count, Is.Zero);
            Assert.That(_meters.Sum("falcon.transfer.tsdb.retried"), Is.EqualTo(2));
            Assert.That(_meters.Sum("falcon.transfer.tsdb.written"), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Send_DropsAndCountsAPermanentFailure_WithoutRetrying()
    {
        var writer = new ScriptedWriter(TsdbWriteResult.Permanent("400 bad label"));
        var sender = Sender(writer);
        _queue.TryWrite(Samples.Make(3));
        var fill = sender.FillAsync(CancellationToken.None);
        await Task.Delay(20);
        _time.Advance(TimeSpan.FromSeconds(1));
        await fill.WaitAsync(TimeSpan.FromSeconds(5));

        await sender.SendAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Calls, Is.EqualTo(1));
            Assert.That(_queue.Count, Is.Zero);
            Assert.That(_meters.Sum("falcon.transfer.tsdb.permanent_failures"), Is.EqualTo(3));
        });
    }

    [Test]
    public void Backoff_DoublesFrom100Milliseconds_UpToTheMaximum()
    {
        var max = TimeSpan.FromSeconds(1);
        Assert.That(
            Enumerable.Range(1, 6).Select(a => SenderBackoff.Delay(a, max).TotalMilliseconds),
            Is.EqualTo(new double[] { 100, 200, 400, 800, 1000, 1000 }));
    }

    private TsdbSender Sender(ScriptedWriter writer) =>
        new(_queue, writer, _options, new TransferMetrics(_meters, _queue), _time, NullLogger.Instance);
}
