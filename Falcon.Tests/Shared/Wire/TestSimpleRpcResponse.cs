using System.Text.Json.Serialization;

namespace Falcon.Tests.Shared.Wire;

/// <summary>Go's model.SimpleRpcResponse, <c>{"code":0}</c>.</summary>
internal sealed record TestSimpleRpcResponse([property: JsonPropertyName("code")] int Code);
