namespace Falcon.Tests.Shared.Wire;

/// <summary>A request and reply that identify the call, for the concurrency tests.</summary>
internal sealed record TestEcho(int Client, int Seq, string Text);
