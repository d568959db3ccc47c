using Falcon.Shared.Model;

namespace Falcon.Roles.Transfer.Ingest;

/// <summary>The in-process `Transfer.Update` for roles of the same process: the ingest path of JSON-RPC and HTTP pushes.</summary>
internal sealed class LocalTransfer(TransferIngest ingest) : ILocalTransfer
{
    public LocalTransferReply Update(IReadOnlyList<MetricValue> points)
    {
        ArgumentNullException.ThrowIfNull(points);

        // Ingest takes the list as a decoded push hands it over (items may be null there; none are here).
        var result = ingest.Receive(new List<MetricValue?>(points));
        return new LocalTransferReply(result.Total, result.Invalid, result.Rejection);
    }
}
