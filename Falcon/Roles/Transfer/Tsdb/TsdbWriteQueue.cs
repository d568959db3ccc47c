using System.Threading.Channels;
using Falcon.Shared.Model;

namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>
/// Accepted points waiting for the TSDB, bounded in points. Ingest batches travel whole (one channel write per push,
/// not per point); a point counts against the capacity from <see cref="TryWrite"/> until a sender has written or
/// dropped it, so points held in a sender's batch while the TSDB is down still fill the queue.
/// </summary>
internal sealed class TsdbWriteQueue
{
    private readonly Channel<IReadOnlyList<MetricSample>> _channel;
    private long _count;

    public TsdbWriteQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        // Bounded for form: the point count below is the real bound, and every batch holds at least one point, so
        // the channel can never hold more than `capacity` batches and TryWrite never fails for room.
        _channel = Channel.CreateBounded<IReadOnlyList<MetricSample>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Capacity { get; }

    /// <summary>Points queued or in a sender's hands, not yet written or dropped.</summary>
    public long Count => Volatile.Read(ref _count);

    public ChannelReader<IReadOnlyList<MetricSample>> Reader => _channel.Reader;

    /// <summary>True once <see cref="Complete"/> was called.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Queues the whole batch, or nothing when it would not fit or the queue is completed.</summary>
    public bool TryWrite(IReadOnlyList<MetricSample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var size = batch.Count;
        if (size == 0)
        {
            return true;
        }

        // Reserve room for the whole batch first, so a batch is queued entirely or not at all.
        var current = Volatile.Read(ref _count);
        while (true)
        {
            if (current + size > Capacity)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _count, current + size, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        if (_channel.Writer.TryWrite(batch))
        {
            return true;
        }

        Release(size);
        return false;
    }

    /// <summary>Gives back room for points that were written or dropped.</summary>
    public void Release(int points) => Interlocked.Add(ref _count, -points);

    /// <summary>No more writes; readers drain what is left and then see the end.</summary>
    public void Complete()
    {
        IsCompleted = true;
        _channel.Writer.TryComplete();
    }
}
