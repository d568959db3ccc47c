using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Falcon.Shared.Wire;

/// <summary>Go-style <c>host:port</c> addresses: <c>:6030</c>, <c>0.0.0.0:8433</c>, <c>[::1]:6030</c>, <c>hbs:6030</c>.</summary>
internal static class WireEndpoint
{
    /// <summary>Splits an address into host (empty for "all interfaces") and port.</summary>
    public static (string Host, int Port) Parse(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var colon = address.LastIndexOf(':');
        if (colon < 0)
        {
            throw new FormatException($"'{address}' is not host:port");
        }

        var host = address[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"'{address}' is not host:port (an IPv6 host needs brackets)");
        }

        if (!int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > IPEndPoint.MaxPort)
        {
            throw new FormatException($"'{address}' has no valid port");
        }

        return (host, port);
    }

    /// <summary>The local endpoint to listen on; an empty host means every interface, as in Go.</summary>
    public static IPEndPoint ResolveListen(string address)
    {
        var (host, port) = Parse(address);
        if (host.Length == 0)
        {
            return new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port);
        }

        if (IPAddress.TryParse(host, out var ip))
        {
            return new IPEndPoint(ip, port);
        }

        // Go listens on the first IPv4 address of a name ("localhost" → 127.0.0.1).
        var addresses = Dns.GetHostAddresses(host);
        var chosen = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? (addresses.Length > 0 ? addresses[0] : throw new FormatException($"'{host}' resolves to no address"));
        return new IPEndPoint(chosen, port);
    }

    /// <summary>Formats an endpoint as <c>host:port</c> (IPv4-mapped addresses shown as IPv4).</summary>
    public static string Format(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { Address.IsIPv4MappedToIPv6: true } ip => new IPEndPoint(ip.Address.MapToIPv4(), ip.Port).ToString(),
        null => "?",
        _ => endPoint.ToString() ?? "?",
    };
}
