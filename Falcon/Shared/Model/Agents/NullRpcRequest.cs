namespace Falcon.Shared.Model.Agents;

/// <summary>open-falcon's NullRpcRequest, sent as `{}`.</summary>
internal sealed class NullRpcRequest;
