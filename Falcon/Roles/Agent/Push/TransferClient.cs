using Falcon.Shared.Model;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Push;

/// <summary>open-falcon's agent push: `Transfer.Update` to the `agent.transfer` addresses in a random order, first success wins.</summary>
internal sealed class TransferClient : ITransferClient, IAsyncDisposable
{
    private readonly JsonRpcFailover _failover;
    private readonly AgentMetrics _metrics;
    private readonly ILogger<TransferClient> _logger;

    public TransferClient(IOptions<AgentOptions> options, AgentMetrics metrics, ILogger<TransferClient> logger, TimeProvider timeProvider)
    {
        var o = options.Value;
        _failover = new JsonRpcFailover(o.Transfer, o.TransferTimeout, o.DialTimeout, shuffle: true, logger, timeProvider);
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<TransferReply> UpdateAsync(IReadOnlyList<MetricValue> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var param = TransferUpdate.Serialize(batch);
        var (result, address) = await _failover.CallAsync(
            (client, ct) => client.CallRawAsync(TransferUpdate.Method, param, ct),
            (failed, error) =>
            {
                _metrics.TransferFailed(failed);
                Log.TransferCallFailed(_logger, failed, batch.Count, error.Message);
            },
            cancellationToken);
        var (total, invalid) = TransferUpdate.ReadReply(result);
        return new TransferReply(address, total, invalid);
    }

    public ValueTask DisposeAsync() => _failover.DisposeAsync();
}
