using Falcon.Roles.Aggregator;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.Hosting;

namespace Falcon.Tests.Integration.Roles.Aggregator;

/// <summary>A whole aggregator role, built exactly as `falcon run --role aggregator` builds it, on free loopback ports.</summary>
internal sealed class AggregatorInstance : RoleInstance
{
    private AggregatorInstance(IHost host)
        : base(host, AggregatorRole.Name)
    {
    }

    public static async Task<AggregatorInstance> StartAsync(
        PortalDatabase database, RedisServer redis, VictoriaMetricsServer tsdb, Uri hbsHttp, string transferRpc, string keyPrefix, params string[] overrides) =>
        new(await StartHostAsync(AggregatorRole.Descriptor, Settings(database, redis, tsdb, hbsHttp, transferRpc, keyPrefix, overrides)));

    public static string[] Settings(
        PortalDatabase database, RedisServer redis, VictoriaMetricsServer tsdb, Uri hbsHttp, string transferRpc, string keyPrefix, params string[] overrides) =>
        [
            "aggregator.httpListen=127.0.0.1:0",
            $"aggregator.hbs.0={hbsHttp}",
            $"aggregator.transfer.0={transferRpc}",
            "aggregator.lag=00:00:00",
            "aggregator.catchUp=00:04:00",
            "aggregator.tickInterval=00:00:00.200",
            "aggregator.refreshInterval=00:00:01",
            "aggregator.instanceTtl=00:00:03",
            "aggregator.claimTtl=00:00:20",
            $"aggregator.keyPrefix={keyPrefix}",
            $"redis.connection={redis.Connection}",
            $"mysql.portal={database.Options.Portal}",
            $"mysql.uic={database.Options.Uic}",
            $"mysql.alarms={database.Options.Alarms}",
            $"tsdb.writeUrl={tsdb.WriteUrl}",
            $"tsdb.queryUrl={tsdb.BaseAddress}",
            "tsdb.timeout=00:00:05",
            "logging.logLevel.Default=Warning",
            .. overrides,
        ];
}
