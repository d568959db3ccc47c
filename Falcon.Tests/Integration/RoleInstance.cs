using Falcon.Hosting;
using Falcon.Roles.Transfer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.Http;
using Falcon.Hosting.Rpc;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration;

/// <summary>A whole role, built exactly as `falcon run --role` builds it, with the listeners it bound.</summary>
internal abstract class RoleInstance : IAsyncDisposable
{
    // Where the transfer queue of each process goes unless a test says otherwise; removed when the process is disposed.
    private static readonly string QueueRoot = Path.Combine(Path.GetTempPath(), "falcon-tests", "transfer-queue-");

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
        var queue = Services.GetService<IOptions<TransferOptions>>()?.Value.Queue.Path;
        await _host.StopAsync();
        _host.Dispose();
        if (queue is not null && queue.StartsWith(QueueRoot, StringComparison.Ordinal) && Directory.Exists(queue))
        {
            Directory.Delete(queue, recursive: true);
        }
    }

    /// <summary>Builds and starts the role with <paramref name="settings"/> as `--set` overrides (no config file).</summary>
    protected static Task<IHost> StartHostAsync(RoleDescriptor role, IReadOnlyList<string> settings) =>
        StartHostAsync([role], settings);

    /// <summary>Builds and starts several roles in one process, as `falcon run --role a,b` does.</summary>
    protected static async Task<IHost> StartHostAsync(IReadOnlyList<RoleDescriptor> roles, IReadOnlyList<string> settings)
    {
        // Each process its own transfer queue directory (the default is the one system-wide state directory);
        // a test's own setting comes later and wins.
        string[] defaults = [$"transfer.queue.path={QueueRoot}{Guid.NewGuid():N}"];
        var source = new ConfigurationSource("no-such-file.yaml", PathGivenExplicitly: false, [.. defaults, .. settings]);
        var host = FalconHost.CreateBuilder(source, roles).Build();
        await host.StartAsync();
        // A role may open its JSON-RPC port after the start (hbs: once its configuration is loaded).
        foreach (var rpc in host.Services.GetServices<RoleRpcServer>())
        {
            await rpc.Listening.WaitAsync(TimeSpan.FromSeconds(60));
        }

        return host;
    }
}
