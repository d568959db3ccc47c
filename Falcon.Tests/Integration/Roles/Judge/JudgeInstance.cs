using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Judging;
using Falcon.Roles.Judge.Sync;
using Falcon.Roles.Transfer;
using Falcon.Shared.Model;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Judge;

/// <summary>A whole judge role (alone, or with transfer in one process), built as `falcon run --role` builds it.</summary>
internal sealed class JudgeInstance : RoleInstance
{
    private JudgeInstance(IHost host, string queuePattern)
        : base(host, JudgeRole.Name)
    {
        QueuePattern = queuePattern;
    }

    /// <summary>The event queue pattern of this judge (each test has its own).</summary>
    public string QueuePattern { get; }

    public JudgeEngine Engine => Services.GetRequiredService<JudgeEngine>();

    public string TransferRpcAddress => RpcAddressOf(TransferRole.Name);

    /// <summary>`--role judge`.</summary>
    public static async Task<JudgeInstance> StartAsync(RedisServer redis, string hbs, string queuePattern, params string[] overrides) =>
        new(await StartHostAsync(JudgeRole.Descriptor, Settings(redis, hbs, queuePattern, overrides)), queuePattern);

    /// <summary>`--role transfer,judge`: the hand-off between them is in memory.</summary>
    public static async Task<JudgeInstance> StartWithTransferAsync(RedisServer redis, string hbs, string queuePattern, Uri writeUrl, params string[] overrides)
    {
        string[] settings =
        [
            "transfer.rpcListen=127.0.0.1:0",
            "transfer.httpListen=127.0.0.1:0",
            "transfer.batchDelay=00:00:00.050",
            $"tsdb.writeUrl={writeUrl}",
            .. Settings(redis, hbs, queuePattern, overrides),
        ];
        return new(await StartHostAsync([TransferRole.Descriptor, JudgeRole.Descriptor], settings), queuePattern);
    }

    /// <summary>Waits until the rules from hbs put a strategy or expression on <paramref name="metric"/> of <paramref name="endpoint"/>.</summary>
    public Task RulesSyncedAsync(string endpoint, string metric) =>
        Poll.UntilAsync(
            () =>
            {
                var rules = Services.GetRequiredService<RuleSync>().Current;
                return Task.FromResult(rules.Strategies.Match(endpoint, metric, TagSet.Empty).Count > 0 || rules.Expressions.UsesMetric(metric));
            },
            TimeSpan.FromSeconds(30),
            $"judge synced a rule on {endpoint}/{metric} from hbs");

    /// <summary>The events on the queue of <paramref name="priority"/>, oldest first.</summary>
    public static async Task<List<string>> EventsAsync(RedisServer redis, string queuePattern, int priority)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var values = await connection.GetDatabase().ListRangeAsync(queuePattern.Replace("%v", priority.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return values.Reverse().Select(v => (string)v!).ToList();
    }

    private static string[] Settings(RedisServer redis, string hbs, string queuePattern, string[] overrides) =>
    [
        "judge.rpcListen=127.0.0.1:0",
        "judge.httpListen=127.0.0.1:0",
        $"judge.hbs.0={hbs}",
        "judge.syncInterval=00:00:00.200",
        $"judge.eventQueuePattern={queuePattern}",
        $"redis.connection={redis.Connection}",
        "logging.logLevel.Default=Warning",
        .. overrides,
    ];
}
