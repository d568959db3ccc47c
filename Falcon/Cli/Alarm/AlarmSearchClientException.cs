namespace Falcon.Cli.Alarm;

/// <summary>A failed `falcon alarm search` call, with a message for the operator.</summary>
internal sealed class AlarmSearchClientException : Exception
{
    public AlarmSearchClientException()
    {
    }

    public AlarmSearchClientException(string message)
        : base(message)
    {
    }

    public AlarmSearchClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
