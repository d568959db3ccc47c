namespace Falcon.Shared.Wire;

/// <summary>Every address of a <see cref="JsonRpcFailover"/> failed one call; the message lists each address with its error.</summary>
internal sealed class RpcUnavailableException : Exception
{
    public RpcUnavailableException()
    {
    }

    public RpcUnavailableException(string message)
        : base(message)
    {
    }

    public RpcUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
