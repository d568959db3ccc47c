namespace Falcon.Roles.ApiProxy;

/// <summary>A request the API cannot read (missing or malformed parameter); answered 400 with the message.</summary>
internal sealed class BadQueryException : Exception
{
    public BadQueryException()
    {
    }

    public BadQueryException(string message)
        : base(message)
    {
    }

    public BadQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
