namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

[Category("Integration")]
public sealed class UpgradeCoordinatorSlotTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task SlotOfAnAgentThatNeverComesBack_IsReusedAfterItsDeadline(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxConcurrent = 1;
            o.SlotTimeout = TimeSpan.FromMinutes(10);
        });
        var a = harness.CreateCoordinator();
        var b = harness.CreateCoordinator();
        await a.PushAsync(UpgradeHarness.NewTask(), None);

        var first = await a.OnHeartbeatAsync(UpgradeHarness.Heartbeat("gone"), None);
        var refused = await b.OnHeartbeatAsync(UpgradeHarness.Heartbeat("next"), None);
        harness.Time.Advance(TimeSpan.FromMinutes(9));
        var stillRefused = await b.OnHeartbeatAsync(UpgradeHarness.Heartbeat("next"), None);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var granted = await b.OnHeartbeatAsync(UpgradeHarness.Heartbeat("next"), None);

        var db = await harness.DatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(refused, Is.Null, "the only slot is taken");
            Assert.That(stillRefused, Is.Null, "before the deadline the slot stays taken");
            Assert.That(granted, Is.Not.Null, "at the deadline the dead host's slot is free again");
            Assert.That((await db.SortedSetRangeByRankAsync(harness.Keys.Slots)).Select(v => v.ToString()), Is.EqualTo(new[] { "next" }));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task HostReportingTheTargetVersion_FreesItsSlotAtOnce(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o => o.MaxConcurrent = 1);
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);

        var granted = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);
        var whileUpgrading = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a", inUpgrading: true), None);
        var otherWhileFull = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("b"), None);
        var afterRestart = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a", UpgradeHarness.NewVersion), None);
        var otherNow = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("b"), None);
        var status = await hbs.GetStatusAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(granted?.Version, Is.EqualTo(UpgradeHarness.NewVersion));
            Assert.That(granted?.BinFileMd5, Is.EqualTo(new string('a', 32)));
            Assert.That(granted?.BinFileSha256, Is.EqualTo(new string('b', 64)));
            Assert.That(whileUpgrading, Is.Null, "an upgrading agent is not sent the task again");
            Assert.That(otherWhileFull, Is.Null);
            Assert.That(afterRestart, Is.Null);
            Assert.That(otherNow, Is.Not.Null, "the upgraded host's slot went to the next one");
            Assert.That(status.Done, Is.EqualTo(1));
            Assert.That(status.InFlight, Is.EqualTo(1));
            Assert.That(status.Remaining, Is.Zero);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task VersionWithGitCommit_CountsAsTheTargetVersion(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster);
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask("7.1"), None);

        var reply = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a", "7.1.0@3f2a9c1"), None);
        var status = await hbs.GetStatusAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(reply, Is.Null);
            Assert.That(status.Done, Is.EqualTo(1));
            Assert.That(status.Version, Is.EqualTo("7.1"));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task SlotSet_ReadsLikeTheForksAgentUpgradeSet(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster);
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);
        await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("b"), None);
        var db = await harness.DatabaseAsync();

        // The documented replacement of SMEMBERS / SCARD agent_upgrade_set.
        var members = await db.ExecuteAsync("ZRANGE", (StackExchange.Redis.RedisKey)$"{{{harness.Options.KeyPrefix}}}:slots", 0, -1, "WITHSCORES");
        var count = await db.ExecuteAsync("ZCARD", (StackExchange.Redis.RedisKey)$"{{{harness.Options.KeyPrefix}}}:slots");
        var deadline = harness.Time.GetUtcNow().Add(harness.Options.SlotTimeout).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(((string[])members!).ToArray(), Is.EqualTo(new[] { "a", deadline, "b", deadline }));
            Assert.That((long)count, Is.EqualTo(2));
            Assert.That(harness.Keys.All.Select(k => Falcon.Shared.Redis.RedisKeys.HashTag(k!)).Distinct(), Is.EqualTo(new[] { harness.Options.KeyPrefix }));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Task_SurvivesARestartAndIsServedByEveryInstance(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster);
        await harness.CreateCoordinator().PushAsync(UpgradeHarness.NewTask(), None);

        var restarted = harness.CreateCoordinator();
        var reply = await restarted.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);
        var args = await restarted.GetArgsAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(reply?.Version, Is.EqualTo(UpgradeHarness.NewVersion));
            Assert.That(args.WgetUrl, Is.EqualTo("http://dl.example.com/falcon"));
        });
    }
}
