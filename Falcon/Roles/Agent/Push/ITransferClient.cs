using Falcon.Shared.Model;
using Falcon.Shared.Wire;

namespace Falcon.Roles.Agent.Push;

/// <summary>Sends one batch with `Transfer.Update` to some transfer; the seam the sender's tests replace.</summary>
internal interface ITransferClient
{
    /// <exception cref="RpcUnavailableException">No transfer took the batch.</exception>
    Task<TransferReply> UpdateAsync(IReadOnlyList<MetricValue> batch, CancellationToken cancellationToken);
}
