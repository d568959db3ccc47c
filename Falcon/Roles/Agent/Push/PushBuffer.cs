using Falcon.Shared.Model;

namespace Falcon.Roles.Agent.Push;

/// <summary>
/// The points waiting for transfer: a bounded ring that drops its oldest points when full (counted in
/// falcon.agent.points.dropped). The sender peeks a batch and removes it only once a transfer took it, so a failed
/// send loses nothing, and points are replayed in the order they were collected.
/// </summary>
/// <remarks>
/// Not a Channel: a channel hands items out as it reads them, and a batch in flight would then sit outside the
/// bound and survive while newer points are dropped.
/// </remarks>
internal sealed class PushBuffer
{
    private readonly Lock _lock = new();
    private readonly MetricValue[] _ring;
    private readonly AgentMetrics _metrics;
    private TaskCompletionSource _available = NewSignal();
    private int _head;
    private int _count;

    // How many points ever left the ring (sent or dropped): the sequence number of the point at _head.
    private long _removed;
    private long _dropped;

    public PushBuffer(int capacity, AgentMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new MetricValue[capacity];
        _metrics = metrics;
        metrics.Meter.CreateObservableGauge("falcon.agent.buffer.points", () => Count, description: "points waiting for a transfer");
    }

    public int Capacity => _ring.Length;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Points dropped since start because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Appends <paramref name="points"/>, dropping the oldest when full; wakes the sender.</summary>
    public void Add(IReadOnlyList<MetricValue> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        long dropped = 0;
        TaskCompletionSource signal;
        lock (_lock)
        {
            foreach (var point in points)
            {
                if (_count == _ring.Length)
                {
                    _ring[_head] = null!;
                    _head = (_head + 1) % _ring.Length;
                    _count--;
                    _removed++;
                    dropped++;
                }

                _ring[(_head + _count) % _ring.Length] = point;
                _count++;
            }

            signal = _available;
        }

        if (dropped > 0)
        {
            Interlocked.Add(ref _dropped, dropped);
            _metrics.Dropped(dropped);
        }

        signal.TrySetResult();
    }

    /// <summary>Copies up to <paramref name="max"/> of the oldest points into <paramref name="batch"/> without removing them.</summary>
    /// <returns>The sequence number of the first point copied, for <see cref="Remove"/>.</returns>
    public long Peek(int max, List<MetricValue> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_lock)
        {
            var n = Math.Min(max, _count);
            for (var i = 0; i < n; i++)
            {
                batch.Add(_ring[(_head + i) % _ring.Length]);
            }

            return _removed;
        }
    }

    /// <summary>Removes the <paramref name="count"/> points peeked at <paramref name="sequence"/>, except those already dropped.</summary>
    public void Remove(long sequence, int count)
    {
        lock (_lock)
        {
            var end = sequence + count;
            var n = (int)Math.Min(Math.Max(0, end - _removed), _count);
            for (var i = 0; i < n; i++)
            {
                _ring[_head] = null!;
                _head = (_head + 1) % _ring.Length;
            }

            _count -= n;
            _removed += n;
        }
    }

    /// <summary>Completes when the buffer holds a point (at once if it does).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_lock)
        {
            if (_count > 0)
            {
                return Task.CompletedTask;
            }

            if (_available.Task.IsCompleted)
            {
                _available = NewSignal();
            }

            wait = _available.Task;
        }

        return wait.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
