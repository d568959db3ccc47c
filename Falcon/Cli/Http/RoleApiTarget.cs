using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Falcon.Shared.Configuration;
using Falcon.Hosting.Configuration;

namespace Falcon.Cli.Http;

/// <summary>Which role instance a command talks to, with which credentials, and how long it waits for each answer.</summary>
/// <param name="Api">The role API.</param>
/// <param name="Address">Its base address (scheme and authority).</param>
/// <param name="Token">The admin bearer token (host.adminToken), or null.</param>
/// <param name="ApiToken">open-falcon's Apitoken header (a user's login session); sent instead of <paramref name="Token"/> when given.</param>
/// <param name="Timeout">How long to wait for each answer.</param>
internal sealed record RoleApiTarget(RoleApi Api, Uri Address, string? Token, string? ApiToken, TimeSpan Timeout)
{
    /// <summary>
    /// The address option, else `&lt;role&gt;.httpListen` from the configuration (a wildcard address becomes loopback);
    /// the token option, else `host.adminToken`. The configuration is read only when an option is missing.
    /// </summary>
    /// <remarks><paramref name="apiToken"/> is asked for after the address, so a bad address is reported first.</remarks>
    /// <exception cref="ConfigurationException">The configuration cannot be read, the address is not usable, or <paramref name="apiToken"/> throws it.</exception>
    public static RoleApiTarget Resolve(RoleApi api, ParseResult result, string? address, string? token, Func<string?>? apiToken, int timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(api);
        IConfiguration? configuration = null;
        IConfiguration Configuration() => configuration ??= FalconConfiguration.Load(CommonOptions.Source(result));

        var uri = string.IsNullOrWhiteSpace(address)
            ? FromListen(api, Configuration()[$"{api.Role}:httpListen"] ?? api.DefaultListen)
            : FromOption(api, address);
        if (apiToken?.Invoke() is { Length: > 0 } header)
        {
            return new RoleApiTarget(api, uri, null, header, TimeSpan.FromSeconds(timeoutSeconds));
        }

        var adminToken = string.IsNullOrEmpty(token) ? Configuration()["host:adminToken"] : token;
        return new RoleApiTarget(api, uri, string.IsNullOrEmpty(adminToken) ? null : adminToken, null, TimeSpan.FromSeconds(timeoutSeconds));
    }

    /// <summary>The role's listener address, reached over loopback where it is a wildcard.</summary>
    public static Uri FromListen(RoleApi api, string listen)
    {
        ArgumentNullException.ThrowIfNull(api);
        return RoleHttpAddress.FromListen(listen, api.ListenKey, $"{api.AddressOption} http://<{api.Role} host>:{api.DefaultPort}");
    }

    /// <summary>The address option's value as a URL or a bare `host:port`.</summary>
    public static Uri FromOption(RoleApi api, string value)
    {
        ArgumentNullException.ThrowIfNull(api);
        return RoleHttpAddress.FromOption(value, api.AddressOption, $"http://10.0.0.5:{api.DefaultPort}");
    }
}
