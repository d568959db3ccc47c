namespace Falcon.Shared.Wire;

/// <summary>The byte stream cannot be split into JSON values any more: not JSON, truncated or too large.</summary>
internal sealed class JsonFrameException : Exception
{
    public JsonFrameException()
    {
    }

    public JsonFrameException(string message)
        : base(message)
    {
    }

    public JsonFrameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the value exceeded the maximum frame size (as opposed to being malformed).</summary>
    public bool IsTooLarge { get; init; }
}
