using System.Buffers;
using System.Globalization;
using Falcon.Shared.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>Opening the queue: the directory, its lock, and the records a previous process left (replayed to the TSDB).</summary>
internal sealed partial class DiskQueue
{
    private const int ScanChunkBytes = 1 << 20;

    private DiskQueue(string directory, TransferQueueOptions options, int maxPoints, QueueDirectoryLock directoryLock, ILogger logger)
    {
        _directory = directory;
        _maxBytes = options.MaxBytes;
        // Several segments must fit in maxBytes, or a full last segment would keep the queue full until it is sent.
        _segmentBytes = Math.Max(4_096, Math.Min(options.SegmentBytes, options.MaxBytes / 4));
        _maxPoints = maxPoints;
        _fsync = options.Fsync;
        _lock = directoryLock;
        _logger = logger;
    }

    /// <summary>Creates or opens the queue directory, takes its lock, and reads what is left in it.</summary>
    /// <exception cref="ConfigurationException">The directory cannot be used, or another process holds it.</exception>
    public static DiskQueue Open(TransferQueueOptions options, int maxPoints, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.Path);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"transfer.queue.path {directory} cannot be created: {e.Message} (set transfer.queue.path to a writable directory)");
        }

        QueueDirectoryLock directoryLock;
        try
        {
            directoryLock = QueueDirectoryLock.Acquire(directory);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ConfigurationException($"transfer.queue.path {directory} is not writable: {e.Message}");
        }

        var queue = new DiskQueue(directory, options, maxPoints, directoryLock, logger);
        try
        {
            queue.Replay();
            lock (queue._sync)
            {
                queue.Rotate();
            }
        }
        catch
        {
            queue.Dispose();
            throw;
        }

        return queue;
    }

    private void Replay()
    {
        var files = System.IO.Directory.GetFiles(_directory, "*" + QueueFormat.SegmentExtension)
            .Select(path => (Path: path, Sequence: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(f => f.Sequence >= 0)
            .OrderBy(f => f.Sequence)
            .ToList();
        foreach (var (path, sequence) in files)
        {
            _nextSequence = sequence + 1;
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            var segment = new QueueSegment(sequence, path, handle, 0) { Sealed = true };
            var (valid, dropped) = Scan(segment);
            if (dropped > 0)
            {
                // A write cut short by a crash (never acknowledged), or with fsync off, pages lost to a power cut.
                Log.QueueTailDropped(_logger, path, dropped);
                RandomAccess.SetLength(handle, valid);
            }

            if (segment.Records.Count == 0)
            {
                handle.Dispose();
                File.Delete(path);
                continue;
            }

            segment.Length = valid;
            segment.ReadOffset = QueueFormat.Magic.Length;
            _segments.Add(segment);
            _bytes += valid;
            var points = segment.Records.Sum(r => (long)r.Points);
            _points += points;
            _untaken += points;
        }

        if (_points > 0)
        {
            Log.QueueReplaying(_logger, _points, _segments.Count, _directory);
        }
    }

    // Reads the records of a segment, checking each CRC; returns the length of whole valid records and what follows them.
    private static (long Valid, long Dropped) Scan(QueueSegment segment)
    {
        var handle = segment.Handle;
        var fileLength = RandomAccess.GetLength(handle);
        var magic = QueueFormat.Magic;
        Span<byte> head = stackalloc byte[QueueFormat.HeaderBytes];
        if (fileLength < magic.Length || RandomAccess.Read(handle, head[..magic.Length], 0) != magic.Length || !head[..magic.Length].SequenceEqual(magic))
        {
            return (0, fileLength);
        }

        long offset = magic.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(ScanChunkBytes);
        try
        {
            while (offset + QueueFormat.HeaderBytes <= fileLength)
            {
                if (RandomAccess.Read(handle, head, offset) != QueueFormat.HeaderBytes)
                {
                    break;
                }

                var (length, points, crc) = QueueFormat.ReadHeader(head);
                var end = offset + QueueFormat.HeaderBytes + length;
                if (length <= 0 || points <= 0 || end > fileLength)
                {
                    break;
                }

                if (buffer.Length < length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                var payload = buffer.AsSpan(0, length);
                if (ReadFully(handle, payload, offset + QueueFormat.HeaderBytes) != length || QueueFormat.Crc32C(payload) != crc)
                {
                    break;
                }

                segment.Records.Add((end, points));
                offset = end;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (offset, fileLength - offset);
    }

    private QueueSegment CreateSegment(long sequence)
    {
        var path = Path.Combine(_directory, QueueFormat.SegmentName(sequence));
        SafeFileHandle handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        try
        {
            RandomAccess.Write(handle, QueueFormat.Magic, 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new QueueSegment(sequence, path, handle, QueueFormat.Magic.Length);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; returns the bytes read.</summary>
    internal static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
