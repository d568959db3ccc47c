using Falcon.Roles.Hbs.Cache;
using Falcon.Roles.Judge.Sync;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Portal.Audit;
using Falcon.Shared.Redis;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Roles.Judge;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Hbs.Cache;

/// <summary>
/// The configuration change signal end to end: a real hbs role with a ten-minute refresh interval and a real judge
/// with a ten-minute sync interval, so only the signal can bring a change in within the test. The fixture has a Redis
/// of its own: the channels are global, and other tests' saves must not count here.
/// </summary>
[Category("Integration")]
public sealed class ChangeSignalTests
{
    // The period cannot be what brings a change in: only the signal can.
    private static readonly string[] SlowHbs =
    [
        "hbs.cache.refreshInterval=00:10:00",
        "hbs.cache.maxAge=00:30:00",
        "hbs.cache.snapshotTtl=01:00:00",
    ];

    private static readonly string[] SlowJudge = ["judge.syncInterval=00:10:00", "judge.resyncDelay=00:00:00.200"];

    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedisAsync() => _redis = await RedisServer.StartAsync(cluster: false);

    [OneTimeTearDown]
    public async Task StopRedisAsync() => await _redis.DisposeAsync();

    [Test]
    public async Task AStrategyInsertedInMySql_IsServedAndJudgedOnlyOnceTheChangeIsSignalled()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, _redis, Prefix(), [.. SlowHbs, "hbs.cache.changeDebounce=00:00:00.200"]);
        await using var judge = await JudgeInstance.StartAsync(_redis, hbs.RpcAddress, Prefix() + ":event:p%v", SlowJudge);
        await judge.Services.GetRequiredService<RuleSync>().WaitForFirstSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForSubscribersAsync(_redis, ConfigChangeSignal.Changed, 1);
        await using var client = new JsonRpcClient([hbs.RpcAddress]);

        await InsertStrategyAsync(db, "web-01", "cpu.idle");

        // That nothing happens can only be shown by waiting: 2 s is ten debounces and twenty pointer polls.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var served = Hosts(await StrategiesAsync(client));
        Assert.Multiple(() =>
        {
            Assert.That(served, Is.Empty, "hbs served the change without a signal");
            Assert.That(JudgesOn(judge, "web-01", "cpu.idle"), Is.False, "the judge synced the change without a signal");
        });

        await using var signal = new SignalSender(_redis);
        Assert.That(await signal.Changes.PublishChangedAsync("template base", CancellationToken.None), Is.EqualTo(1), "hbs listens on the channel");

        var strategies = await Poll.ForAsync(() => StrategiesAsync(client), s => Hosts(s).Contains("web-01"), TimeSpan.FromSeconds(10));
        Assert.That(strategies.HostStrategies.Single().Strategies.Single().Metric, Is.EqualTo("cpu.idle"));
        await Poll.UntilAsync(() => Task.FromResult(JudgesOn(judge, "web-01", "cpu.idle")), TimeSpan.FromSeconds(10), "the judge re-synced on hbs's announcement");
    }

    [Test]
    public async Task ABurstOfFiftySignals_CostsHbsOneReloadOrTwo_AndAJudgeHearingFiftyAnnouncementsSyncsOnceOrTwice()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, _redis, Prefix(), SlowHbs);
        await using var judge = await JudgeInstance.StartAsync(_redis, hbs.RpcAddress, Prefix() + ":event:p%v", [.. SlowJudge, "judge.resyncDelay=00:00:01"]);
        await judge.Services.GetRequiredService<RuleSync>().WaitForFirstSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForSubscribersAsync(_redis, ConfigChangeSignal.Changed, 1);
        await WaitForSubscribersAsync(_redis, ConfigChangeSignal.Applied, 2);
        using var hbsCounters = new RoleCounters(hbs.Services);
        using var judgeCounters = new RoleCounters(judge.Services);
        await using var client = new JsonRpcClient([hbs.RpcAddress]);
        await InsertStrategyAsync(db, "web-01", "cpu.idle");

        await using var signal = new SignalSender(_redis);
        for (var i = 0; i < 50; i++)
        {
            await signal.Changes.PublishChangedAsync($"save {i}", CancellationToken.None);
        }

        await Poll.ForAsync(() => StrategiesAsync(client), s => Hosts(s).Contains("web-01"), TimeSpan.FromSeconds(10));
        await Poll.UntilAsync(() => Task.FromResult(JudgesOn(judge, "web-01", "cpu.idle")), TimeSpan.FromSeconds(10), "the judge re-synced");
        await Poll.UntilAsync(() => Task.FromResult(hbsCounters["falcon.hbs.cache.change_signals"] == 50), TimeSpan.FromSeconds(10), "hbs heard all fifty");
        Assert.That(hbsCounters["falcon.hbs.cache.change_reloads"], Is.InRange(1, 2), "one debounce window holds the burst; a signal after the reload began may ask for one more");
        Assert.That(hbsCounters["falcon.hbs.cache.publishes"], Is.EqualTo(hbsCounters["falcon.hbs.cache.change_reloads"]));

        // Judges coalesce too: fifty announcements (as fifty hbs reloads would send) within judge.resyncDelay.
        var before = judgeCounters["falcon.judge.sync.successes"];
        var signalsBefore = judgeCounters["falcon.judge.sync.signals"];
        var subscriber = (await signal.Connection.GetAsync()).GetSubscriber();
        for (var i = 0; i < 50; i++)
        {
            await subscriber.PublishAsync(ConfigChangeSignal.Applied, 1000 + i);
        }

        await Poll.UntilAsync(() => Task.FromResult(judgeCounters["falcon.judge.sync.signals"] - signalsBefore == 50), TimeSpan.FromSeconds(10), "the judge heard all fifty");
        await Poll.UntilAsync(() => Task.FromResult(judgeCounters["falcon.judge.sync.successes"] > before), TimeSpan.FromSeconds(10), "the judge synced");
        Assert.That(judgeCounters["falcon.judge.sync.successes"] - before, Is.InRange(1, 2));
    }

    [Test]
    public async Task AnInstanceNotHoldingTheLock_InstallsTheChangeOnTheAnnouncement_NotAtItsNextPoll()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var prefix = Prefix();
        // A 30 s poll: within the test, only the holder's announcement can make the follower look at the pointer.
        string[] settings = [.. SlowHbs, "hbs.cache.changeDebounce=00:00:00.200", "hbs.cache.pollInterval=00:00:30", "hbs.cache.lockTtl=00:01:00"];
        await using var holder = await HbsInstance.StartAsync(db, _redis, prefix, settings);
        await using var follower = await HbsInstance.StartAsync(db, _redis, prefix, settings);
        Assert.That(holder.Services.GetRequiredService<SnapshotCache>().IsLeader, Is.True);
        Assert.That(follower.Services.GetRequiredService<SnapshotCache>().IsLeader, Is.False);
        await WaitForSubscribersAsync(_redis, ConfigChangeSignal.Applied, 2);
        await using var client = new JsonRpcClient([follower.RpcAddress]);
        await InsertStrategyAsync(db, "web-01", "cpu.idle");

        await using var signal = new SignalSender(_redis);
        await signal.Changes.PublishChangedAsync("template base", CancellationToken.None);

        await Poll.ForAsync(() => StrategiesAsync(client), s => Hosts(s).Contains("web-01"), TimeSpan.FromSeconds(10));
        Assert.That(follower.Services.GetRequiredService<SnapshotCache>().Current!.Generation, Is.EqualTo(holder.Services.GetRequiredService<SnapshotCache>().Current!.Generation));
    }

    [Test]
    public async Task AfterRedisRestarts_TheSubscriptionsResume_AndASignalStillTakesEffect()
    {
        await using var redis = await RedisServer.StartAsync(cluster: false);
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, redis, Prefix(), [.. SlowHbs, "hbs.cache.changeDebounce=00:00:00.200"]);
        await using var judge = await JudgeInstance.StartAsync(redis, hbs.RpcAddress, Prefix() + ":event:p%v", SlowJudge);
        await judge.Services.GetRequiredService<RuleSync>().WaitForFirstSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForSubscribersAsync(redis, ConfigChangeSignal.Changed, 1);
        await using var client = new JsonRpcClient([hbs.RpcAddress]);

        await redis.KillAsync();
        await redis.RestartAsync();

        // The restarted Redis is empty: the holder publishes again (with the tables as they are now), and the
        // multiplexers subscribe again by themselves.
        var pointer = hbs.Services.GetRequiredService<SnapshotCache>().Keys.Pointer;
        await Poll.UntilAsync(async () => await KeyExistsAsync(redis, pointer), TimeSpan.FromSeconds(30), "hbs published again into the restarted Redis");
        await WaitForSubscribersAsync(redis, ConfigChangeSignal.Changed, 1);
        await WaitForSubscribersAsync(redis, ConfigChangeSignal.Applied, 2);
        Assert.That(Hosts(await StrategiesAsync(client)), Is.Empty);

        await InsertStrategyAsync(db, "web-01", "cpu.idle");
        await using var signal = new SignalSender(redis);
        Assert.That(await signal.Changes.PublishChangedAsync("template base", CancellationToken.None), Is.EqualTo(1));

        await Poll.ForAsync(() => StrategiesAsync(client), s => Hosts(s).Contains("web-01"), TimeSpan.FromSeconds(10));
        await Poll.UntilAsync(() => Task.FromResult(JudgesOn(judge, "web-01", "cpu.idle")), TimeSpan.FromSeconds(10), "the judge re-synced after the restart");
    }

    /// <summary>A host in a group bound to a template holding one strategy, written straight into MySQL as a console save would.</summary>
    internal static async Task InsertStrategyAsync(PortalDatabase db, string host, string metric)
    {
        await db.ExecuteAsync($"INSERT INTO host (id, hostname, ip) VALUES (1, '{host}', '10.0.0.7')");
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 0)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync($"INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1000, '{metric}', '', 3, 0, 'all(#3)', '<', '10', 100)");
    }

    private static Task<StrategiesResponse> StrategiesAsync(JsonRpcClient client) =>
        client.CallAsync("Hbs.GetStrategies", new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, StrategiesJsonContext.Default.StrategiesResponse);

    private static string[] Hosts(StrategiesResponse response) => [.. response.HostStrategies.Select(h => h.Hostname)];

    private static bool JudgesOn(JudgeInstance judge, string endpoint, string metric) =>
        judge.Services.GetRequiredService<RuleSync>().Current.Strategies.Match(endpoint, metric, TagSet.Empty).Count > 0;

    private static async Task WaitForSubscribersAsync(RedisServer redis, RedisChannel channel, long count)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await Poll.UntilAsync(
            async () => (long)(await server.ExecuteAsync("PUBSUB", "NUMSUB", channel.ToString()))[1] >= count,
            TimeSpan.FromSeconds(30),
            $"{count} subscriber(s) on {channel}");
    }

    private static async Task<bool> KeyExistsAsync(RedisServer redis, string key)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        return await connection.GetDatabase().KeyExistsAsync(key);
    }

    private static string Prefix() => "sig" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The console's own publisher, on a connection of the test's.</summary>
    private sealed class SignalSender(RedisServer redis) : IAsyncDisposable
    {
        public RedisConnection Connection { get; } = new(Options.Create(new RedisOptions { Connection = redis.Connection }), NullLogger<RedisConnection>.Instance);

        public ConfigChangeSignal Changes => new(Connection);

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
