using System.Collections.Concurrent;

namespace Falcon.Shared.Reliability;

/// <summary>
/// What the roles' loops report so /health can say a queue is backed up or a worker has made no progress: each unit of
/// work (an alarm batch, a delivery pass, a TSDB write) is marked started and finished, and queue depths are set as they
/// are measured. Registered once per process; names start with the role ("alarm.worker.3", "transfer.sender.0").
/// </summary>
internal sealed class WorkProgress(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, long> _busySince = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _backlogs = new(StringComparer.Ordinal);

    /// <summary>A unit of work of <paramref name="worker"/> begins (a worker has at most one at a time).</summary>
    public void Started(string worker) => _busySince[worker] = timeProvider.GetTimestamp();

    /// <summary>
    /// Marks <paramref name="worker"/> as trying since now unless it already is: for loops that retry between attempts
    /// (a failed attempt starts the clock, the first success stops it with <see cref="Finished"/>).
    /// </summary>
    public void StartedIfIdle(string worker) => _busySince.TryAdd(worker, timeProvider.GetTimestamp());

    /// <summary>The unit of work of <paramref name="worker"/> ended, done or given up.</summary>
    public void Finished(string worker) => _busySince.TryRemove(worker, out _);

    /// <summary>Marks <paramref name="worker"/> busy until the result is disposed.</summary>
    public Busy Working(string worker)
    {
        Started(worker);
        return new Busy(this, worker);
    }

    /// <summary>The depth of <paramref name="queue"/> as last measured.</summary>
    public void SetBacklog(string queue, long depth) => _backlogs[queue] = depth;

    /// <summary>The last measured depth of <paramref name="queue"/>; null before the first measurement.</summary>
    public long? Backlog(string queue) => _backlogs.TryGetValue(queue, out var depth) ? depth : null;

    /// <summary>Workers whose name starts with <paramref name="prefix"/> that have been on one unit of work for at least <paramref name="after"/>, longest first.</summary>
    public IReadOnlyList<(string Worker, TimeSpan For)> BusyLongerThan(string prefix, TimeSpan after) =>
        [.. _busySince
            .Where(w => w.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(w => (Worker: w.Key, For: timeProvider.GetElapsedTime(w.Value)))
            .Where(w => w.For >= after)
            .OrderByDescending(static w => w.For)];

    /// <summary>Ends a unit of work when disposed.</summary>
    internal readonly struct Busy(WorkProgress progress, string worker) : IDisposable
    {
        public void Dispose() => progress.Finished(worker);
    }
}
