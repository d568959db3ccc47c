using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console.Auth;

/// <summary>
/// The reverse proxies in front of the console (console.trustedProxies): only a request whose socket comes from one
/// of them has its X-Forwarded-For and X-Forwarded-Proto believed. The client address is then the right-most
/// X-Forwarded-For entry that is not itself a trusted proxy, so a client cannot choose its own address by sending the
/// header: whatever it sends stays to the left of what the proxy appends. With no proxies configured (the default),
/// the socket address is the client, as before.
/// </summary>
/// <remarks>
/// The address feeds the sign-in throttle (per client address) and the audit rows of sign-ins. Without this, behind
/// a proxy every person shares the proxy's address, and a few wrong passwords lock everyone out for the window.
/// </remarks>
internal sealed class TrustedProxies
{
    // A proxy chain longer than this is not believed further: the left part of a huge header is the client's own text.
    private const int MaxHops = 16;

    private readonly IPNetwork[] _networks;

    public TrustedProxies(IOptions<ConsoleOptions> options) =>
        _networks = [.. options.Value.TrustedProxies.Select(static text => TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"console.trustedProxies: '{text}' is not an address or a network"))];

    /// <summary>An address (a network of one) or a CIDR network such as 10.0.0.0/8 or fd00::/8.</summary>
    public static bool TryParse(string text, out IPNetwork network)
    {
        text = text.Trim();
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/', StringComparison.Ordinal))
        {
            address = Normal(address);
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }

    /// <summary>The client's address as text ("unknown" when the socket has none).</summary>
    public string ClientAddress(HttpContext context) => Client(context)?.ToString() ?? "unknown";

    /// <summary>True when the request came over HTTPS, directly or (by a trusted proxy's X-Forwarded-Proto) to the proxy.</summary>
    public bool IsHttps(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            return true;
        }

        if (!IsTrusted(context.Connection.RemoteIpAddress))
        {
            return false;
        }

        // The proxy nearest to us appends last; its word is the one to take.
        var proto = context.Request.Headers["X-Forwarded-Proto"].ToString().Split(',')[^1].Trim();
        return proto.Equals("https", StringComparison.OrdinalIgnoreCase);
    }

    internal IPAddress? Client(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress is { } remote ? Normal(remote) : null;
        if (!IsTrusted(address))
        {
            return address;
        }

        var hops = context.Request.Headers["X-Forwarded-For"].SelectMany(static v => (v ?? "").Split(',')).ToArray();
        for (var i = hops.Length - 1; i >= 0 && i >= hops.Length - MaxHops; i--)
        {
            if (ParseHop(hops[i]) is not { } hop)
            {
                // Not an address (a proxy that writes "unknown", or junk): the nearest proxy we know is the answer.
                return address;
            }

            address = hop;
            if (!IsTrusted(address))
            {
                return address;
            }
        }

        return address;
    }

    private bool IsTrusted(IPAddress? address) =>
        address is not null && _networks.Any(n => n.Contains(address));

    // "203.0.113.5", "203.0.113.5:41000", "2001:db8::1" or "[2001:db8::1]:41000".
    private static IPAddress? ParseHop(string text)
    {
        text = text.Trim();
        if (IPAddress.TryParse(text, out var address))
        {
            return Normal(address);
        }

        if (text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is > 1 and var end
            && IPAddress.TryParse(text.AsSpan(1, end - 1), out address))
        {
            return Normal(address);
        }

        var colon = text.LastIndexOf(':');
        return colon > 0 && text.IndexOf(':', StringComparison.Ordinal) == colon
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && IPAddress.TryParse(text.AsSpan(0, colon), out address)
            ? Normal(address)
            : null;
    }

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
