namespace Falcon.Shared.Model;

/// <summary>
/// The in-process hand-off to a transfer in the same process (`--role transfer,aggregator` or `all`): transfer registers
/// it, and a role that pushes points (the aggregator) uses it when it finds one and is given no transfer addresses.
/// The points go through the same checks and sinks as a `Transfer.Update` call, without serialising them or a socket.
/// </summary>
internal interface ILocalTransfer
{
    /// <summary>Takes <paramref name="points"/> as one `Transfer.Update` call would; never blocks.</summary>
    LocalTransferReply Update(IReadOnlyList<MetricValue> points);
}

/// <summary>open-falcon's Total and Invalid for one hand-off, or why the whole batch was refused (transfer is overloaded).</summary>
internal readonly record struct LocalTransferReply(int Total, int Invalid, string? Rejection);
