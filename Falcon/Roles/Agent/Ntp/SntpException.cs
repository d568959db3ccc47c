namespace Falcon.Roles.Agent.Ntp;

/// <summary>An NTP server gave no usable answer: no reply in time, a refused port, or a reply RFC 4330 says to ignore.</summary>
internal sealed class SntpException : Exception
{
    public SntpException()
    {
    }

    public SntpException(string message)
        : base(message)
    {
    }

    public SntpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
