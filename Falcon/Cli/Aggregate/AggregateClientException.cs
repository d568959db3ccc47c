namespace Falcon.Cli.Aggregate;

/// <summary>A `falcon aggregate` call that failed, in words a person can act on.</summary>
internal sealed class AggregateClientException : Exception
{
    public AggregateClientException()
    {
    }

    public AggregateClientException(string message)
        : base(message)
    {
    }

    public AggregateClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
