using Falcon.Roles.Aggregator;
using Falcon.Roles.Judge;
using Falcon.Roles.Transfer;
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

    /// <summary>
    /// `--role transfer,judge,aggregator` with no `aggregator.transfer`: results go to this process's transfer in memory,
    /// which writes them to the TSDB and hands them to this process's judge (rules from <paramref name="hbsRpc"/>).
    /// </summary>
    public static async Task<AggregatorInstance> StartWithTransferAndJudgeAsync(
        PortalDatabase database, RedisServer redis, VictoriaMetricsServer tsdb, Uri hbsHttp, string hbsRpc, string keyPrefix, string queuePattern, params string[] overrides)
    {
        string[] settings =
        [
            "transfer.rpcListen=127.0.0.1:0",
            "transfer.httpListen=127.0.0.1:0",
            "transfer.batchDelay=00:00:00.050",
            "judge.rpcListen=127.0.0.1:0",
            "judge.httpListen=127.0.0.1:0",
            $"judge.hbs.0={hbsRpc}",
            "judge.syncInterval=00:00:00.200",
            $"judge.eventQueuePattern={queuePattern}",
            .. Settings(database, redis, tsdb, hbsHttp, null, keyPrefix, overrides),
        ];
        return new(await StartHostAsync([TransferRole.Descriptor, JudgeRole.Descriptor, AggregatorRole.Descriptor], settings));
    }

    /// <summary>The settings of an aggregator; with <paramref name="transferRpc"/> null, none for `aggregator.transfer`.</summary>
    public static string[] Settings(
        PortalDatabase database, RedisServer redis, VictoriaMetricsServer tsdb, Uri hbsHttp, string? transferRpc, string keyPrefix, params string[] overrides) =>
        [
            "aggregator.httpListen=127.0.0.1:0",
            $"aggregator.hbs.0={hbsHttp}",
            .. transferRpc is null ? Array.Empty<string>() : [$"aggregator.transfer.0={transferRpc}"],
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
