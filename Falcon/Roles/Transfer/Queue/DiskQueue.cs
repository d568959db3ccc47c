using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>
/// Accepted points on local disk until the TSDB has them: pushes are appended to the newest segment file, senders take
/// whole records in file order, and a segment is deleted once it is sealed and every batch taken from it is finished.
/// A push is acknowledged after its write() returned, so a crash of the process loses nothing acknowledged (the page
/// cache keeps it); with fsync on, neither does power loss. Records left on disk are sent again after a restart.
/// </summary>
internal sealed partial class DiskQueue : IDisposable
{
    private readonly Lock _sync = new();
    private readonly List<QueueSegment> _segments = [];
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly long _maxPoints;
    private readonly bool _fsync;
    private readonly ILogger _logger;
    private readonly QueueDirectoryLock _lock;

    // Reused under _sync: the header of the record being written and the two buffers of one pwritev.
    private readonly byte[] _header = new byte[QueueFormat.HeaderBytes];
    private readonly ReadOnlyMemory<byte>[] _gather = new ReadOnlyMemory<byte>[2];

    private QueueSegment? _active;
    private long _nextSequence;
    private long _bytes;
    private long _points;
    private long _untaken;
    private bool _closed;
    private TaskCompletionSource? _waiter;
    private long _wakeAt;

    /// <summary>Points acknowledged and not yet written to the TSDB (or dropped by it).</summary>
    public long Count => Volatile.Read(ref _points);

    /// <summary>Bytes of the segment files.</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Points no sender has taken yet.</summary>
    public long Untaken => Volatile.Read(ref _untaken);

    /// <summary>Segment files on disk.</summary>
    public int Segments
    {
        get
        {
            lock (_sync)
            {
                return _segments.Count;
            }
        }
    }

    public bool IsClosed => Volatile.Read(ref _closed);

    public string Directory => _directory;

    /// <summary>Appends one record; <paramref name="payload"/> is a remote-write WriteRequest of <paramref name="points"/> points.</summary>
    public QueueAppendResult TryAppend(ReadOnlyMemory<byte> payload, int points)
    {
        var crc = QueueFormat.Crc32C(payload.Span);
        long size = QueueFormat.HeaderBytes + payload.Length;
        QueueSegment segment;
        TaskCompletionSource? wake;
        lock (_sync)
        {
            if (_closed)
            {
                return QueueAppendResult.Closed;
            }

            if (_bytes + size > _maxBytes || (_maxPoints > 0 && _points + points > _maxPoints))
            {
                return QueueAppendResult.Full;
            }

            try
            {
                segment = _active is { } current && (current.Length == QueueFormat.Magic.Length || current.Length + size <= _segmentBytes)
                    ? current
                    : Rotate();
                QueueFormat.WriteHeader(_header, payload.Length, points, crc);
                _gather[0] = _header;
                _gather[1] = payload;
                RandomAccess.Write(segment.Handle, _gather, segment.Length);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing advanced: the next record overwrites whatever part of this one reached the file.
                Log.QueueWriteFailed(_logger, _directory, e.Message);
                return QueueAppendResult.Failed;
            }
            finally
            {
                _gather[1] = default;
            }

            segment.Length += size;
            segment.Records.Add((segment.Length, points));
            _bytes += size;
            _points += points;
            _untaken += points;
            wake = null;
            if (_waiter is not null && _untaken >= _wakeAt)
            {
                wake = _waiter;
                _waiter = null;
            }
        }

        wake?.TrySetResult();
        if (_fsync)
        {
            try
            {
                RandomAccess.FlushToDisk(segment.Handle);
            }
            catch (ObjectDisposedException)
            {
                // The segment was sent and deleted meanwhile: the points are in the TSDB already.
            }
            catch (IOException e)
            {
                // Written but perhaps not durable; the points are queued, so they are acknowledged as a crash-safe write.
                Log.QueueWriteFailed(_logger, _directory, e.Message);
            }
        }

        return QueueAppendResult.Appended;
    }

    /// <summary>Whole records from the oldest untaken, at most <paramref name="maxPoints"/> points (at least one record), or null.</summary>
    public QueueBatch? TryTake(int maxPoints)
    {
        lock (_sync)
        {
            foreach (var segment in _segments)
            {
                if (segment.NextRecord == segment.Records.Count)
                {
                    continue;
                }

                var first = segment.NextRecord;
                var next = first;
                var points = 0;
                while (next < segment.Records.Count && (points == 0 || points + segment.Records[next].Points <= maxPoints))
                {
                    points += segment.Records[next].Points;
                    next++;
                }

                var batch = new QueueBatch(segment, segment.ReadOffset, segment.Records[next - 1].End, points, next - first);
                segment.NextRecord = next;
                segment.ReadOffset = batch.End;
                segment.Outstanding++;
                _untaken -= points;
                return batch;
            }

            return null;
        }
    }

    /// <summary>Completes once at least <paramref name="untaken"/> points wait to be taken, or the queue is closed.</summary>
    /// <remarks>Senders wait for a whole batch, so a push that leaves fewer points waiting wakes no one.</remarks>
    public Task WaitAsync(long untaken = 1)
    {
        lock (_sync)
        {
            if (_untaken >= untaken || _closed)
            {
                return Task.CompletedTask;
            }

            if (_waiter is null || untaken < _wakeAt)
            {
                _wakeAt = untaken;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }

    /// <summary>The batch is written to the TSDB or dropped for good; its segment goes once nothing else of it is pending.</summary>
    public void Complete(QueueBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_sync)
        {
            var segment = batch.Segment;
            segment.Outstanding--;
            _points -= batch.Points;
            if (segment.Done)
            {
                Delete(segment);
            }
        }
    }

    /// <summary>No more appends (transfer is stopping); senders take what is left and then see the end.</summary>
    public void Close()
    {
        TaskCompletionSource? wake;
        lock (_sync)
        {
            _closed = true;
            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }

    public void Dispose()
    {
        Close();
        lock (_sync)
        {
            foreach (var segment in _segments)
            {
                segment.Handle.Dispose();
            }

            // The current segment stays on disk even when empty: the next start deletes empty segments.
            _segments.Clear();
        }

        _lock.Dispose();
    }

    private QueueSegment Rotate()
    {
        // The new file first: if it cannot be created, the current one stays the one written to.
        var segment = CreateSegment(_nextSequence++);
        if (_active is { } previous)
        {
            previous.Sealed = true;
            if (previous.Done)
            {
                Delete(previous);
            }
        }

        _segments.Add(segment);
        _bytes += segment.Length;
        _active = segment;
        return segment;
    }

    private void Delete(QueueSegment segment)
    {
        segment.Handle.Dispose();
        try
        {
            File.Delete(segment.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Sent already; left behind, it would be sent again after a restart, which a TSDB tolerates.
            Log.QueueDeleteFailed(_logger, segment.Path, e.Message);
        }

        _segments.Remove(segment);
        _bytes -= segment.Length;
    }
}
