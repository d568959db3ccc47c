namespace Falcon.Roles.Transfer.Queue;

/// <summary>Whole records of one segment, bytes [Start, End), handed to one sender until it calls <see cref="DiskQueue.Complete"/>.</summary>
internal sealed record QueueBatch(QueueSegment Segment, long Start, long End, int Points, int Records)
{
    public int Length => checked((int)(End - Start));
}
