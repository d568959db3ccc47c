namespace Falcon.Shared.Wire;

/// <summary>
/// A handler's deliberate refusal (for example: the queue is full, retry later). It is answered with its message
/// as the error string like any failure, but counted rather than logged: an outage would otherwise log once per call.
/// </summary>
internal sealed class JsonRpcRefusedException : Exception
{
    public JsonRpcRefusedException()
    {
    }

    public JsonRpcRefusedException(string message)
        : base(message)
    {
    }

    public JsonRpcRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
