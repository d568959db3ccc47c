using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Falcon.Hosting;
using Microsoft.Extensions.Configuration;

namespace Falcon.Cli;

/// <summary>Which hbs the `falcon upgrade` commands talk to, and with which admin token.</summary>
internal sealed record UpgradeTarget(Uri Hbs, string? Token, TimeSpan Timeout)
{
    public const string DefaultHttpListen = "0.0.0.0:6031";

    /// <summary>`--hbs`, else `hbs.httpListen` from the configuration (a wildcard address becomes loopback); `--token`, else `host.adminToken`.</summary>
    /// <exception cref="ConfigurationException">The configuration cannot be read, or the address is not usable.</exception>
    public static UpgradeTarget Resolve(ParseResult result, string? hbs, string? token, int timeoutSeconds)
    {
        IConfiguration? configuration = null;
        IConfiguration Configuration() => configuration ??= FalconConfiguration.Load(CommonOptions.Source(result));

        var address = string.IsNullOrWhiteSpace(hbs)
            ? FromListen(Configuration()["hbs:httpListen"] ?? DefaultHttpListen)
            : FromOption(hbs);
        var adminToken = string.IsNullOrEmpty(token) ? Configuration()["host:adminToken"] : token;
        return new UpgradeTarget(address, string.IsNullOrEmpty(adminToken) ? null : adminToken, TimeSpan.FromSeconds(timeoutSeconds));
    }

    /// <summary>`0.0.0.0:6031` → `http://127.0.0.1:6031/`: the listener's own address, reached over loopback where it is a wildcard.</summary>
    public static Uri FromListen(string listen)
    {
        if (!ListenAddress.TryParse(listen, out var endPoint))
        {
            throw new ConfigurationException([$"hbs.httpListen '{listen}' is not host:port; pass --hbs http://<hbs host>:6031"]);
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

    /// <summary>`--hbs` as a URL (`http://hbs1:6031`) or a bare `host:port`.</summary>
    public static Uri FromOption(string hbs)
    {
        var text = hbs.Contains("://", StringComparison.Ordinal) ? hbs : $"http://{hbs}";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException([$"--hbs '{hbs}' is not an http(s) URL or host:port, e.g. http://10.0.0.5:6031"]);
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
