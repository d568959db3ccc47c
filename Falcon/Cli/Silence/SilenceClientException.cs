namespace Falcon.Cli.Silence;

/// <summary>A `falcon silence` call failed; the message is written to stderr as is.</summary>
internal sealed class SilenceClientException : Exception
{
    public SilenceClientException()
    {
    }

    public SilenceClientException(string message)
        : base(message)
    {
    }

    public SilenceClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
