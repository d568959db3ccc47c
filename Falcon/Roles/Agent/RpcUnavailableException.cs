namespace Falcon.Roles.Agent;

/// <summary>Every hbs or transfer address failed one call; the message lists each address with its error.</summary>
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
