using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration;

/// <summary>
/// The real servers integration tests use, each started once on first use on free loopback ports and stopped when the
/// run ends. A missing server is a failure that says how to install it, never a skip.
/// </summary>
internal static class TestServers
{
    private static readonly Lazy<Task<RedisServer>> PlainRedis = new(() => RedisServer.StartAsync(cluster: false));
    private static readonly Lazy<Task<RedisServer>> ClusterRedis = new(() => RedisServer.StartAsync(cluster: true));
    private static readonly Lazy<Task<VictoriaMetricsServer>> Tsdb = new(VictoriaMetricsServer.StartAsync);
    private static readonly Lazy<Task<MariaDbServer>> MariaDb = new(() => MariaDbServer.StartAsync(CancellationToken.None));

    /// <summary>A plain redis-server.</summary>
    public static Task<RedisServer> RedisAsync() => PlainRedis.Value;

    /// <summary>A one-node Redis Cluster (cluster-enabled, every slot on the node).</summary>
    public static Task<RedisServer> RedisClusterAsync() => ClusterRedis.Value;

    /// <summary>Both Redis flavours, for tests that must pass on each: `[TestCaseSource(nameof(TestServers.RedisKinds))]`.</summary>
    public static IEnumerable<TestCaseData> RedisKinds()
    {
        yield return new TestCaseData(false).SetArgDisplayNames("plain");
        yield return new TestCaseData(true).SetArgDisplayNames("cluster");
    }

    public static Task<RedisServer> RedisAsync(bool cluster) => cluster ? RedisClusterAsync() : RedisAsync();

    public static Task<VictoriaMetricsServer> VictoriaMetricsAsync() => Tsdb.Value;

    /// <summary>A mariadbd; each test works in databases of its own names.</summary>
    public static Task<MariaDbServer> MariaDbAsync() => MariaDb.Value;

    internal static async Task StopAllAsync()
    {
        foreach (var server in new[] { PlainRedis, ClusterRedis })
        {
            if (server.IsValueCreated && server.Value.IsCompletedSuccessfully)
            {
                await server.Value.Result.DisposeAsync();
            }
        }

        if (Tsdb.IsValueCreated && Tsdb.Value.IsCompletedSuccessfully)
        {
            await Tsdb.Value.Result.DisposeAsync();
        }

        if (MariaDb.IsValueCreated && MariaDb.Value.IsCompletedSuccessfully)
        {
            await MariaDb.Value.Result.DisposeAsync();
        }
    }
}
