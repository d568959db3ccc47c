using Falcon.Shared.Configuration;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>The `transfer.queue` section: the on-disk queue between accepting a push and writing it to the TSDB.</summary>
internal sealed class TransferQueueOptions
{
    /// <summary>Where the segment files live; the systemd unit's StateDirectory=falcon provides /var/lib/falcon.</summary>
    public string Path { get; set; } = "/var/lib/falcon/transfer-queue";

    /// <summary>Bytes the segment files may take in all; a push that does not fit is refused (JSON-RPC error, HTTP 503).</summary>
    [KeyedRange("transfer.queue.maxBytes", 65_536, 1L << 42)]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>Size at which the file being written is closed and a new one started (smaller when maxBytes is small).</summary>
    [KeyedRange("transfer.queue.segmentBytes", 4_096, 1L << 30)]
    public long SegmentBytes { get; set; } = 16L << 20;

    /// <summary>fsync each push before acknowledging it: survives power loss, not only a crash, at a cost (see BENCHMARKS.md).</summary>
    public bool Fsync { get; set; }

    /// <summary>/health fails while the queue files take more than this share of maxBytes (the TSDB is not keeping up).</summary>
    [KeyedRange("transfer.queue.healthMaxFill", 0.01, 1)]
    public double HealthMaxFill { get; set; } = 0.5;
}
