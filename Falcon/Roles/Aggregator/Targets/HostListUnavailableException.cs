namespace Falcon.Roles.Aggregator.Targets;

/// <summary>No hbs answered for a group and no earlier list is kept: the step is not computed (never computed empty).</summary>
internal sealed class HostListUnavailableException : Exception
{
    public HostListUnavailableException()
    {
    }

    public HostListUnavailableException(string message)
        : base(message)
    {
    }

    public HostListUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
