namespace Falcon.Cli.Http;

/// <summary>A call to a role's HTTP API failed; the message is written to stderr as is.</summary>
internal sealed class RoleApiException : Exception
{
    public RoleApiException()
    {
    }

    public RoleApiException(string message)
        : base(message)
    {
    }

    public RoleApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
