namespace Falcon.Roles.Agent.Push;

/// <summary>What a transfer answered to `Transfer.Update`: who took the batch, and its Total and Invalid counts.</summary>
internal readonly record struct TransferReply(string Address, int Total, int Invalid);
