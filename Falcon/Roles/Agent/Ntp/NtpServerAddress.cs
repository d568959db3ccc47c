using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Falcon.Roles.Agent.Ntp;

/// <summary>One configured NTP server: a host name or address and a UDP port.</summary>
internal sealed record NtpServerAddress(string Host, int Port)
{
    public const int DefaultPort = 123;

    /// <summary>Parses `host`, `host:port`, `1.2.3.4:port`, `::1` or `[::1]:port`.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NtpServerAddress? address, [NotNullWhen(false)] out string? problem)
    {
        address = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem = "is empty; write a host name or address, optionally with :port";
            return false;
        }

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                problem = "is not a valid [IPv6]:port address";
                return false;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        else
        {
            // No colon, or a bare IPv6 address (several colons) without a port.
            host = text;
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace) || (host.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _)))
        {
            problem = "has no valid host";
            return false;
        }

        var number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            problem = "has a port that is not a number from 1 to 65535";
            return false;
        }

        address = new NtpServerAddress(host, number);
        problem = null;
        return true;
    }

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
