using System.Collections.Concurrent;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>Failed messages kept in memory, bounded, while Redis is unreachable; the retrier writes them when it is back.</summary>
internal sealed class PendingQueueWrites(int capacity)
{
    private readonly ConcurrentQueue<PendingQueueWrite> _writes = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>False when full.</summary>
    public bool TryAdd(PendingQueueWrite write)
    {
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _writes.Enqueue(write);
        return true;
    }

    public bool TryTake(out PendingQueueWrite write)
    {
        if (_writes.TryDequeue(out write!))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }
}
