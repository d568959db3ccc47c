using Falcon.Shared.Model;

namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>Writes one batch to the TSDB; the seam between the sender loop and the remote-write client (and tests).</summary>
internal interface ITsdbBatchWriter
{
    /// <summary>Writes <paramref name="batch"/>; the list is only valid until the returned task completes.</summary>
    Task<TsdbWriteResult> WriteAsync(IReadOnlyList<MetricSample> batch, CancellationToken cancellationToken);
}
