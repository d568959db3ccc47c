namespace Falcon.Tests.Shared.Wire;

/// <summary>Go's model.NullRpcRequest, sent as <c>{}</c>.</summary>
internal sealed record TestNullRequest;
