namespace Falcon.Cli;

/// <summary>A `falcon upgrade` call failed; the message is written to stderr as is.</summary>
internal sealed class UpgradeClientException : Exception
{
    public UpgradeClientException()
    {
    }

    public UpgradeClientException(string message)
        : base(message)
    {
    }

    public UpgradeClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
