using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Falcon.Hosting;
using Microsoft.Extensions.Configuration;

namespace Falcon.Cli.Silence;

/// <summary>Which alarm the `falcon silence` commands talk to, and with which admin token.</summary>
internal sealed record SilenceTarget(Uri Alarm, string? Token, TimeSpan Timeout)
{
    public const string DefaultHttpListen = "0.0.0.0:9912";

    /// <summary>`--url`, else `alarm.httpListen` from the configuration (a wildcard address becomes loopback); `--token`, else `host.adminToken`.</summary>
    /// <exception cref="ConfigurationException">The configuration cannot be read, or the address is not usable.</exception>
    public static SilenceTarget Resolve(ParseResult result, string? url, string? token, int timeoutSeconds)
    {
        IConfiguration? configuration = null;
        IConfiguration Configuration() => configuration ??= FalconConfiguration.Load(CommonOptions.Source(result));

        var address = string.IsNullOrWhiteSpace(url)
            ? FromListen(Configuration()["alarm:httpListen"] ?? DefaultHttpListen)
            : FromOption(url);
        var adminToken = string.IsNullOrEmpty(token) ? Configuration()["host:adminToken"] : token;
        return new SilenceTarget(address, string.IsNullOrEmpty(adminToken) ? null : adminToken, TimeSpan.FromSeconds(timeoutSeconds));
    }

    /// <summary>`0.0.0.0:9912` → `http://127.0.0.1:9912/`: the listener's own address, reached over loopback where it is a wildcard.</summary>
    public static Uri FromListen(string listen)
    {
        if (!ListenAddress.TryParse(listen, out var endPoint))
        {
            throw new ConfigurationException([$"alarm.httpListen '{listen}' is not host:port; pass --url http://<alarm host>:9912"]);
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

    /// <summary>`--url` as a URL (`http://alarm1:9912`) or a bare `host:port`.</summary>
    public static Uri FromOption(string url)
    {
        var text = url.Contains("://", StringComparison.Ordinal) ? url : $"http://{url}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new ConfigurationException([$"--url '{url}' is not an http(s) URL or host:port, e.g. http://10.0.0.5:9912"]);
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
