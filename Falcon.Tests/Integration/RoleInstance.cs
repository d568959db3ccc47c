using Falcon.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.Http;
using Falcon.Hosting.Rpc;

namespace Falcon.Tests.Integration;

/// <summary>A whole role, built exactly as `falcon run --role` builds it, with the listeners it bound.</summary>
internal abstract class RoleInstance : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _role;

    protected RoleInstance(IHost host, string role)
    {
        _host = host;
        _role = role;
    }

    public IServiceProvider Services => _host.Services;

    public string RpcAddress => RpcAddressOf(_role);

    public Uri HttpAddress => Services.GetServices<RoleHttpServer>().Single(s => s.Role == _role).BoundAddress!;

    /// <summary>The JSON-RPC address of one of the roles of this process (when it runs several).</summary>
    public string RpcAddressOf(string role) => Services.GetServices<RoleRpcServer>().Single(s => s.Role == role).BoundAddress!;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Builds and starts the role with <paramref name="settings"/> as `--set` overrides (no config file).</summary>
    protected static Task<IHost> StartHostAsync(RoleDescriptor role, IReadOnlyList<string> settings) =>
        StartHostAsync([role], settings);

    /// <summary>Builds and starts several roles in one process, as `falcon run --role a,b` does.</summary>
    protected static async Task<IHost> StartHostAsync(IReadOnlyList<RoleDescriptor> roles, IReadOnlyList<string> settings)
    {
        var source = new ConfigurationSource("no-such-file.yaml", PathGivenExplicitly: false, settings);
        var host = FalconHost.CreateBuilder(source, roles).Build();
        await host.StartAsync();
        return host;
    }
}
