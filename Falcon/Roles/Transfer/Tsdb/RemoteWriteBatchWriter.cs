using Falcon.Shared.Tsdb;

namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>The production <see cref="ITsdbBatchWriter"/>: Prometheus remote write to `tsdb.writeUrl`.</summary>
internal sealed class RemoteWriteBatchWriter(RemoteWriteClient client) : ITsdbBatchWriter
{
    public async Task<TsdbWriteResult> WriteAsync(ReadOnlyMemory<byte> writeRequest, int points, CancellationToken cancellationToken)
    {
        var outcome = await client.WriteEncodedAsync(writeRequest, points, cancellationToken);
        return outcome.Status switch
        {
            RemoteWriteStatus.Success => TsdbWriteResult.Success,
            RemoteWriteStatus.PermanentFailure => TsdbWriteResult.Permanent(outcome.Error ?? $"HTTP {outcome.HttpStatus}"),
            _ => TsdbWriteResult.Retryable(outcome.Error ?? $"HTTP {outcome.HttpStatus}"),
        };
    }
}
