namespace Falcon.Roles.Agent.Upgrade;

/// <summary>An upgrade step refused the new binary or could not run; the message says which and why, for the log.</summary>
internal sealed class UpgradeException : Exception
{
    public UpgradeException()
    {
    }

    public UpgradeException(string message)
        : base(message)
    {
    }

    public UpgradeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
