using Falcon.Shared.Configuration;
using Falcon.Roles.Transfer.Queue;

namespace Falcon.Tests.Roles.Transfer.Queue;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class DiskQueueTests : IDisposable
{
    private readonly QueueTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Test]
    public void Take_ReturnsWholeRecordsInOrder_UpToTheBatchSize()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 3);
        QueueTestDirectory.Append(queue, 3, 3);
        QueueTestDirectory.Append(queue, 3, 6);

        var first = queue.TryTake(7);
        var second = queue.TryTake(7);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That((first!.Points, first.Records), Is.EqualTo((6, 2)), "a third record would pass 7 points");
            Assert.That((second!.Points, second.Records, second.Start), Is.EqualTo((3, 1, first.End)));
            Assert.That(queue.TryTake(7), Is.Null);
            Assert.That(queue.Count, Is.EqualTo(9), "taken is not written: the points still count");
            Assert.That(queue.Untaken, Is.Zero);
        });
    }

    [Test]
    public void Take_GivesARecordLargerThanTheBatchSizeWhole()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 10);

        Assert.That(queue.TryTake(4)?.Points, Is.EqualTo(10));
    }

    [Test]
    public void Complete_OfEveryBatchOfASealedSegment_DeletesItsFile()
    {
        using var queue = _directory.Open(segmentBytes: 4_096);
        var batches = new List<QueueBatch>();
        // Each record of 20 points is over 1 KB: several segments.
        for (var i = 0; i < 12; i++)
        {
            Assert.That(QueueTestDirectory.Append(queue, 20, i * 20), Is.EqualTo(QueueAppendResult.Appended));
        }

        var files = _directory.SegmentFiles().Length;
        while (queue.TryTake(20) is { } batch)
        {
            batches.Add(batch);
        }

        foreach (var batch in batches)
        {
            queue.Complete(batch);
        }

        Assert.Multiple(() =>
        {
            Assert.That(files, Is.GreaterThan(2));
            Assert.That(_directory.SegmentFiles(), Has.Length.EqualTo(1), "only the segment being written is left");
            Assert.That(queue.Count, Is.Zero);
        });
    }

    [Test]
    public void Append_BeyondMaxBytes_IsRefused_UntilSentPointsFreeTheSpace()
    {
        using var queue = _directory.Open(maxBytes: 65_536);
        var appended = 0;
        while (QueueTestDirectory.Append(queue, 50, appended * 50) == QueueAppendResult.Appended)
        {
            appended++;
        }

        var bytesWhenFull = queue.Bytes;
        while (queue.TryTake(1_000) is { } batch)
        {
            queue.Complete(batch);
        }

        Assert.Multiple(() =>
        {
            Assert.That(appended, Is.GreaterThan(3));
            Assert.That(bytesWhenFull, Is.LessThanOrEqualTo(65_536));
            Assert.That(QueueTestDirectory.Append(queue, 50), Is.EqualTo(QueueAppendResult.Appended), "sent segments were deleted");
        });
    }

    [Test]
    public void Append_BeyondMaxPoints_IsRefused()
    {
        using var queue = _directory.Open(maxPoints: 8);
        Assert.Multiple(() =>
        {
            Assert.That(QueueTestDirectory.Append(queue, 5), Is.EqualTo(QueueAppendResult.Appended));
            Assert.That(QueueTestDirectory.Append(queue, 5), Is.EqualTo(QueueAppendResult.Full));
            Assert.That(QueueTestDirectory.Append(queue, 3), Is.EqualTo(QueueAppendResult.Appended));
        });
    }

    [Test]
    public void Open_AfterAProcessLeftRecords_OffersEveryUnwrittenRecordAgain()
    {
        using (var first = _directory.Open(segmentBytes: 4_096))
        {
            for (var i = 0; i < 6; i++)
            {
                QueueTestDirectory.Append(first, 20, i * 20);
            }

            // One batch written: its segment may go; the rest were taken but not written when the process died.
            first.Complete(first.TryTake(20)!);
            _ = first.TryTake(1_000);
        }

        using var second = _directory.Open(segmentBytes: 4_096);
        var points = 0;
        while (second.TryTake(1_000) is { } batch)
        {
            points += batch.Points;
        }

        Assert.That(points, Is.InRange(100, 120), "every record not yet written, and at most the written part of a segment again");
    }

    [Test]
    public void Open_CutsOffATornLastRecord_AndKeepsTheWholeOnes()
    {
        using (var first = _directory.Open())
        {
            QueueTestDirectory.Append(first, 4);
            QueueTestDirectory.Append(first, 4, 4);
        }

        var file = _directory.SegmentFiles().Single();
        var whole = new FileInfo(file).Length;
        // A record cut short: its header promises more than follows.
        using (var stream = new FileStream(file, FileMode.Append))
        {
            stream.Write([200, 0, 0, 0, 3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]);
        }

        using var second = _directory.Open();
        Assert.Multiple(() =>
        {
            Assert.That(second.Count, Is.EqualTo(8));
            Assert.That(new FileInfo(file).Length, Is.EqualTo(whole), "the torn tail was cut off");
        });
    }

    [Test]
    public void Open_DropsARecordWhoseChecksumDoesNotMatch_AndWhatFollowsIt()
    {
        using (var first = _directory.Open())
        {
            QueueTestDirectory.Append(first, 4);
            QueueTestDirectory.Append(first, 4, 4);
        }

        var file = _directory.SegmentFiles().Single();
        var bytes = File.ReadAllBytes(file);
        bytes[^3] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        using var second = _directory.Open();
        Assert.That(second.Count, Is.EqualTo(4));
    }

    [Test]
    public void Open_OfADirectoryAnotherQueueHolds_FailsWithALineNamingTheKey()
    {
        using var first = _directory.Open();

        var error = Assert.Throws<ConfigurationException>(() => _directory.Open());

        Assert.That(error!.Message, Does.Contain("transfer.queue.path").And.Contain("in use by another"));
    }

    [Test]
    public void Close_RefusesAppends_ButLeavesTheRestToTake()
    {
        using var queue = _directory.Open();
        QueueTestDirectory.Append(queue, 2);
        queue.Close();

        Assert.Multiple(() =>
        {
            Assert.That(QueueTestDirectory.Append(queue, 2), Is.EqualTo(QueueAppendResult.Closed));
            Assert.That(queue.WaitAsync().IsCompleted, Is.True);
            Assert.That(queue.TryTake(10)?.Points, Is.EqualTo(2));
        });
    }
}
