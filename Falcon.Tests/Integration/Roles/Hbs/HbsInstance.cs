using Falcon.Roles.Hbs;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Hosting;

namespace Falcon.Tests.Integration.Roles.Hbs;

/// <summary>A whole hbs role, built exactly as `falcon run --role hbs` builds it, on free loopback ports.</summary>
internal sealed class HbsInstance : RoleInstance
{
    private HbsInstance(IHost host)
        : base(host, HbsRole.Name)
    {
    }

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
        return new HbsInstance(await StartHostAsync(HbsRole.Descriptor, settings));
    }
}
