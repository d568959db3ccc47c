using System.CommandLine;
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

    /// <summary>The `hbs` listener's own address, reached over loopback where it is a wildcard.</summary>
    public static Uri FromListen(string listen) => RoleHttpAddress.FromListen(listen, "hbs.httpListen", "--hbs http://<hbs host>:6031");

    /// <summary>`--hbs` as a URL or a bare `host:port`.</summary>
    public static Uri FromOption(string hbs) => RoleHttpAddress.FromOption(hbs, "--hbs", "http://10.0.0.5:6031");
}
