using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>The production <see cref="ITsdbBatchWriter"/>: Prometheus remote write to `tsdb.writeUrl`.</summary>
internal sealed class RemoteWriteBatchWriter(RemoteWriteClient client) : ITsdbBatchWriter
{
    public async Task<TsdbWriteResult> WriteAsync(IReadOnlyList<MetricSample> batch, CancellationToken cancellationToken)
    {
        var outcome = await client.WriteAsync(batch, cancellationToken);
        return outcome.Status switch
        {
            RemoteWriteStatus.Success => TsdbWriteResult.Success,
            RemoteWriteStatus.PermanentFailure => TsdbWriteResult.Permanent(outcome.Error ?? $"HTTP {outcome.HttpStatus}"),
            _ => TsdbWriteResult.Retryable(outcome.Error ?? $"HTTP {outcome.HttpStatus}"),
        };
    }
}
