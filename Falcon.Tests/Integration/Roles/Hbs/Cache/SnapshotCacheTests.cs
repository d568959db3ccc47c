using System.Diagnostics;
using System.Text;
using Falcon.Roles.Hbs.Cache;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Integration.Roles.Hbs.Cache;

[Category("Integration")]
public sealed partial class SnapshotCacheTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task ThreeInstances_OnlyTheLockHolderLoadsEachPeriod_AndTheOthersServeItsGenerationFromRedis(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var options = harness.FastOptions();
        var nodes = await harness.StartRunningAsync(3, options);

        await CacheHarness.PollAsync(() => nodes.Count(n => n.Cache.IsLeader) == 1 && AllOnOneGeneration(nodes), Patience, () => Describe(nodes));
        var leader = nodes.Single(n => n.Cache.IsLeader);
        var followers = nodes.Where(n => n != leader).ToArray();
        var loadsBefore = nodes.ToDictionary(n => n, n => n.Source.Loads);
        var firstGeneration = leader.Generation;
        var watch = Stopwatch.StartNew();

        await CacheHarness.PollAsync(() => leader.Generation >= firstGeneration + 4 && AllOnOneGeneration(nodes), Patience, () => Describe(nodes));

        var periods = watch.Elapsed / options.RefreshInterval;
        var published = leader.Generation - firstGeneration;
        Assert.Multiple(() =>
        {
            Assert.That(followers.Select(n => n.Source.Loads - loadsBefore[n]), Is.All.Zero, "followers never query the database");
            Assert.That(leader.Source.Loads - loadsBefore[leader], Is.InRange(published - 1, published + 1), "the holder loads once per generation (one load may be in flight at either end)");
            Assert.That(published, Is.LessThanOrEqualTo(periods + 1), "at most one load per refresh period");
            Assert.That(followers.Select(n => n.Cache.Current!.Origin), Is.All.EqualTo(SnapshotOrigin.Redis));
            Assert.That(followers.Select(n => n.Cache.Current!.Payload.ToArray()), Is.All.EqualTo(leader.Cache.Current!.Payload.ToArray()));
            Assert.That(leader.Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Published));
            Assert.That(leader.Meters.Observe("falcon.hbs.cache.leader"), Is.EqualTo(1));
            Assert.That(followers.Select(n => n.Meters.Observe("falcon.hbs.cache.leader")), Is.All.EqualTo(0));
            Assert.That(leader.Meters.Sum("falcon.hbs.cache.publishes"), Is.GreaterThanOrEqualTo(published));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task KillingTheLeader_LetsAnotherTakeOverWithinAboutOneLockTtl_AndPublishingGoesOn(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var options = harness.FastOptions();
        var nodes = await harness.StartRunningAsync(3, options);

        await CacheHarness.PollAsync(() => nodes.Count(n => n.Cache.IsLeader) == 1 && AllOnOneGeneration(nodes), Patience, () => Describe(nodes));
        var dead = nodes.Single(n => n.Cache.IsLeader);
        var survivors = nodes.Where(n => n != dead).ToArray();
        var lastGeneration = dead.Generation;
        var watch = Stopwatch.StartNew();

        dead.Kill();
        await CacheHarness.PollAsync(
            () => survivors.Count(n => n.Cache.IsLeader) == 1 && survivors.All(n => n.Generation > lastGeneration) && AllOnOneGeneration(survivors),
            Patience,
            () => Describe(nodes));

        var pointer = await harness.PointerAsync(dead.Cache.Keys);
        Assert.Multiple(() =>
        {
            Assert.That(watch.Elapsed, Is.LessThan(options.LockTtl + options.RefreshInterval + TimeSpan.FromSeconds(1)), "taken over within about one lock TTL");
            Assert.That(pointer!.Generation, Is.EqualTo(survivors[0].Generation));
            Assert.That(survivors.Single(n => n.Cache.IsLeader).Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Published));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task ALeaderThatLosesTheLockWhileLoading_DoesNotPublishWhatItLoaded(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var node = harness.AddNode("hbs1");
        await node.RefreshOnceAsync();
        var published = node.Generation;
        var db = await harness.DatabaseAsync();
        var thief = new RedisLock(node.Redis, harness.Time, NullLogger<RedisLock>.Instance);
        node.Source.DuringLoad = async () =>
        {
            // The lease is lost mid-refresh (it expired during a long query, and another instance took the lock).
            await db.KeyDeleteAsync(node.Cache.Keys.Lock);
            await thief.TryAcquireAsync(node.Cache.Keys.Lock, harness.Manual.LockTtl);
        };
        harness.Time.Advance(harness.Manual.RefreshInterval);

        await node.RefreshOnceAsync();

        var pointer = await harness.PointerAsync(node.Cache.Keys);
        await CacheHarness.PollAsync(() => !db.KeyExists(node.Cache.Keys.Snapshot(published + 1)), Patience, () => "the unpublished snapshot key is dropped");
        Assert.Multiple(() =>
        {
            Assert.That(node.Source.Loads, Is.EqualTo(2));
            Assert.That(pointer!.Generation, Is.EqualTo(published), "the pointer still names the last snapshot published under the lock");
            Assert.That(node.Cache.IsLeader, Is.False);
            Assert.That(node.Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Database), "what it loaded is still served here");
            Assert.That(node.Meters.Sum("falcon.hbs.cache.publishes"), Is.EqualTo(1));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Subscribe_HearsTheCurrentSnapshotAtOnceThenEachNewOneUntilDisposed(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var node = harness.AddNode("hbs1");
        var heard = new List<string>();
        await node.RefreshOnceAsync();

        var subscription = node.Cache.Subscribe(e => heard.Add(Encoding.UTF8.GetString(e.Payload.Span)));
        harness.Time.Advance(harness.Manual.RefreshInterval);
        await node.RefreshOnceAsync();
        subscription.Dispose();
        harness.Time.Advance(harness.Manual.RefreshInterval);
        await node.RefreshOnceAsync();

        Assert.That(heard, Is.EqualTo(new[] { "hbs1 load 1", "hbs1 load 2" }));
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Stop_ReleasesTheLock_SoAnotherInstanceLeadsOnItsNextPass(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var (first, second) = harness.AddPair();
        await first.RefreshOnceAsync();
        await second.RefreshOnceAsync();
        var secondLedBefore = second.Cache.IsLeader;

        await first.Cache.StopAsync(CancellationToken.None);
        await second.RefreshOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(secondLedBefore, Is.False);
            Assert.That(first.Cache.IsLeader, Is.False);
            Assert.That(second.Cache.IsLeader, Is.True);
        });
    }

    private static bool AllOnOneGeneration(IEnumerable<CacheNode> nodes) =>
        nodes.Select(n => n.Generation).Distinct().Count() == 1 && nodes.First().Generation > 0;

    private static string Describe(IEnumerable<CacheNode> nodes) => string.Join("; ", nodes);
}
