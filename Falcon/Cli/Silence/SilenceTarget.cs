using System.CommandLine;
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

    /// <summary>The `alarm` listener's own address, reached over loopback where it is a wildcard.</summary>
    public static Uri FromListen(string listen) => RoleHttpAddress.FromListen(listen, "alarm.httpListen", "--url http://<alarm host>:9912");

    /// <summary>`--url` as a URL or a bare `host:port`.</summary>
    public static Uri FromOption(string url) => RoleHttpAddress.FromOption(url, "--url", "http://10.0.0.5:9912");
}
