using Falcon.Roles.Transfer.Tsdb;

namespace Falcon.Tests.Roles.Transfer.Tsdb;

public sealed class TsdbWriteQueueTests
{
    [Test]
    public void TryWrite_WhenTheWholeBatchFits_QueuesItAndCountsItsPoints()
    {
        var queue = new TsdbWriteQueue(10);

        Assert.Multiple(() =>
        {
            Assert.That(queue.TryWrite(Samples.Make(4)), Is.True);
            Assert.That(queue.TryWrite(Samples.Make(6)), Is.True);
            Assert.That(queue.Count, Is.EqualTo(10));
        });
    }

    [Test]
    public void TryWrite_WhenTheBatchDoesNotFit_QueuesNoneOfIt()
    {
        var queue = new TsdbWriteQueue(10);
        queue.TryWrite(Samples.Make(8));

        Assert.Multiple(() =>
        {
            Assert.That(queue.TryWrite(Samples.Make(3)), Is.False);
            Assert.That(queue.Count, Is.EqualTo(8));
            Assert.That(queue.Reader.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void Release_MakesRoomForMorePoints()
    {
        var queue = new TsdbWriteQueue(10);
        queue.TryWrite(Samples.Make(8));

        queue.Release(5);

        Assert.That(queue.TryWrite(Samples.Make(7)), Is.True);
    }

    [Test]
    public void TryWrite_AfterComplete_RefusesAndCountsNothing()
    {
        var queue = new TsdbWriteQueue(10);
        queue.Complete();

        Assert.Multiple(() =>
        {
            Assert.That(queue.TryWrite(Samples.Make(1)), Is.False);
            Assert.That(queue.Count, Is.Zero);
            Assert.That(queue.IsCompleted, Is.True);
        });
    }
}
