namespace Falcon.Tests.Shared.Wire;

/// <summary>Go's model.TransferResponse: PascalCase keys, no json tags.</summary>
internal sealed record TestTransferResponse(string Message, int Total, int Invalid, long Latency);
