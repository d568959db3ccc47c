using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Falcon.Shared.Configuration;

/// <summary>Parses listen addresses as open-falcon writes them: `0.0.0.0:6030`, `127.0.0.1:0`, `:6030`, `[::1]:6030`.</summary>
internal static class ListenAddress
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        IPAddress? address;
        if (host.Length == 0 || host == "*")
        {
            address = IPAddress.Any;
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    public static IPEndPoint Parse(string text) =>
        TryParse(text, out var endPoint)
            ? endPoint
            : throw new FormatException($"'{text}' is not a listen address (host:port, e.g. 0.0.0.0:6030)");
}
