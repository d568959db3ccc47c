namespace Falcon.Shared.Wire;

/// <summary>An error string returned by the remote side of a JSON-RPC call (Go's <c>rpc.ServerError</c>).</summary>
internal sealed class JsonRpcException : Exception
{
    public JsonRpcException()
    {
    }

    public JsonRpcException(string message)
        : base(message)
    {
    }

    public JsonRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
