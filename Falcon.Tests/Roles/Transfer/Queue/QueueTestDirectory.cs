using Falcon.Roles.Transfer.Queue;
using Falcon.Shared.Tsdb;
using Falcon.Tests.Roles.Transfer.Tsdb;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Roles.Transfer.Queue;

/// <summary>A queue directory of its own under the temp directory, removed afterwards.</summary>
internal sealed class QueueTestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "falcon-tests", "queue-" + Guid.NewGuid().ToString("N"));

    public DiskQueue Open(long maxBytes = 1 << 20, long segmentBytes = 1 << 16, int maxPoints = 0) =>
        DiskQueue.Open(new TransferQueueOptions { Path = Path, MaxBytes = maxBytes, SegmentBytes = segmentBytes }, maxPoints, NullLogger.Instance);

    public string[] SegmentFiles() => Directory.GetFiles(Path, "*" + QueueFormat.SegmentExtension).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Appends <paramref name="count"/> points with values first, first+1, ... as one record.</summary>
    public static QueueAppendResult Append(DiskQueue queue, int count, int first = 0)
    {
        using var encoded = RemoteWriteEncoder.Encode(Samples.Make(count, first));
        return queue.TryAppend(encoded.Memory, count);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
