namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>Writes one batch to the TSDB; the seam between the queue's senders and the remote-write client (and tests).</summary>
internal interface ITsdbBatchWriter
{
    /// <summary>Writes an uncompressed remote-write WriteRequest of <paramref name="points"/> points; the memory is only valid until the task completes.</summary>
    Task<TsdbWriteResult> WriteAsync(ReadOnlyMemory<byte> writeRequest, int points, CancellationToken cancellationToken);
}
