using Falcon.Hosting;
using Falcon.Roles.Hbs;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falcon.Tests.Integration.Hbs;

/// <summary>A whole hbs role, built exactly as `falcon run --role hbs` builds it, on free loopback ports.</summary>
internal sealed class HbsInstance : IAsyncDisposable
{
    private readonly IHost _host;

    private HbsInstance(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public string RpcAddress => Services.GetServices<RoleRpcServer>().Single(s => s.Role == HbsRole.Name).BoundAddress!;

    public Uri HttpAddress => Services.GetServices<RoleHttpServer>().Single(s => s.Role == HbsRole.Name).BoundAddress!;

    public static async Task<HbsInstance> StartAsync(PortalDatabase database, RedisServer redis, string keyPrefix, params string[] overrides)
    {
        string[] settings =
        [
            "hbs.rpcListen=127.0.0.1:0",
            "hbs.httpListen=127.0.0.1:0",
            $"redis.connection={redis.Connection}",
            $"mysql.portal={database.Options.Portal}",
            $"mysql.uic={database.Options.Uic}",
            $"mysql.alarms={database.Options.Alarms}",
            "hbs.cache.refreshInterval=00:00:00.500",
            "hbs.cache.lockTtl=00:00:02",
            "hbs.cache.pollInterval=00:00:00.100",
            "hbs.cache.maxAge=00:00:05",
            "hbs.cache.snapshotTtl=00:01:00",
            $"hbs.cache.keyPrefix={keyPrefix}:cache",
            $"hbs.upgrade.keyPrefix={keyPrefix}:upgrade",
            "hbs.upgrade.taskRefreshInterval=00:00:00.100",
            "logging.logLevel.Default=Warning",
            .. overrides,
        ];
        var source = new ConfigurationSource("no-such-file.yaml", PathGivenExplicitly: false, settings);
        var host = FalconHost.CreateBuilder(source, [HbsRole.Descriptor]).Build();
        await host.StartAsync();
        return new HbsInstance(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
