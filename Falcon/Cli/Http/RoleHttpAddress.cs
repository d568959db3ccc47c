using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Falcon.Shared.Configuration;

namespace Falcon.Cli.Http;

/// <summary>How the CLI finds a role's HTTP API: from the role's `httpListen` in the configuration, or from an option.</summary>
internal static class RoleHttpAddress
{
    /// <summary>`0.0.0.0:9912` → `http://127.0.0.1:9912/`: the listener's own address, reached over loopback where it is a wildcard.</summary>
    /// <param name="listen">The configured listen address.</param>
    /// <param name="key">Its configuration key, for the error (e.g. alarm.httpListen).</param>
    /// <param name="instead">What to pass instead, for the error (e.g. --url http://&lt;alarm host&gt;:9912).</param>
    public static Uri FromListen(string listen, string key, string instead)
    {
        if (!ListenAddress.TryParse(listen, out var endPoint))
        {
            throw new ConfigurationException([$"{key} '{listen}' is not host:port; pass {instead}"]);
        }

        var ip = endPoint.Address;
        if (ip.Equals(IPAddress.Any))
        {
            ip = IPAddress.Loopback;
        }
        else if (ip.Equals(IPAddress.IPv6Any))
        {
            ip = IPAddress.IPv6Loopback;
        }

        var host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        return new Uri($"http://{host}:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>An option's value as a URL (`http://alarm1:9912`) or a bare `host:port`, reduced to its scheme and authority.</summary>
    /// <param name="value">The option's value.</param>
    /// <param name="option">The option's name, for the error (e.g. --url).</param>
    /// <param name="example">An example value, for the error.</param>
    public static Uri FromOption(string value, string option, string example)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Contains("://", StringComparison.Ordinal) ? value : $"http://{value}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new ConfigurationException([$"{option} '{value}' is not an http(s) URL or host:port, e.g. {example}"]);
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
