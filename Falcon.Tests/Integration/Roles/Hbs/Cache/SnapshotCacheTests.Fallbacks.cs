using System.Text;
using Falcon.Roles.Hbs.Cache;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Integration.Roles.Hbs.Cache;

public sealed partial class SnapshotCacheTests
{
    private const string Fallbacks = "falcon.hbs.cache.fallbacks";

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AReaderWhosePointerIsOlderThanMaxAge_LoadsFromTheSourceOnce_AndCountsTheFallback(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var (leader, reader) = harness.AddPair();
        await leader.RefreshOnceAsync();
        await reader.RefreshOnceAsync();
        var servedFromRedis = reader.Cache.Current!.Origin;

        // The holder stops publishing (hung, not dead: it still holds the lock) and the snapshot ages past maxAge.
        harness.Time.Advance(harness.Manual.MaxAge + TimeSpan.FromSeconds(1));
        await reader.RefreshOnceAsync();
        await reader.RefreshOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(servedFromRedis, Is.EqualTo(SnapshotOrigin.Redis));
            Assert.That(reader.Source.Loads, Is.EqualTo(1), "one load, then its own fresh copy is served");
            Assert.That(reader.Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Database));
            Assert.That(reader.Cache.Current!.CreatedAt, Is.EqualTo(harness.Time.GetUtcNow()));
            Assert.That(reader.Cache.IsFresh, Is.True);
            Assert.That(reader.Meters.Sum(Fallbacks, "reason", FallbackReason.SnapshotStale), Is.EqualTo(1));
            Assert.That(reader.Meters.Sum(Fallbacks), Is.EqualTo(1));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AVersionedKeyThatExpired_IsNeverServedAsEmpty_TheReaderLoadsFromTheSource(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var (leader, reader) = harness.AddPair();
        await leader.RefreshOnceAsync();
        await (await harness.DatabaseAsync()).KeyDeleteAsync(leader.Cache.Keys.Snapshot(leader.Generation));

        await reader.RefreshOnceAsync();
        await reader.RefreshOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(reader.Cache.Current!.Payload.Span), Is.EqualTo("hbs2 load 1"));
            Assert.That(reader.Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Database));
            Assert.That(reader.Source.Loads, Is.EqualTo(1));
            Assert.That(reader.Meters.Sum(Fallbacks, "reason", FallbackReason.SnapshotMissing), Is.EqualTo(1));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task ACorruptVersionedKey_IsRefused_TheReaderLoadsFromTheSourceUntilTheNextPublication(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var (leader, reader) = harness.AddPair();
        await leader.RefreshOnceAsync();
        await (await harness.DatabaseAsync()).StringSetAsync(leader.Cache.Keys.Snapshot(leader.Generation), "{}");

        await reader.RefreshOnceAsync();
        harness.Time.Advance(harness.Manual.MaxAge + TimeSpan.FromSeconds(1));
        await leader.RefreshOnceAsync();
        await reader.RefreshOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(reader.Meters.Sum(Fallbacks, "reason", FallbackReason.SnapshotCorrupt), Is.EqualTo(1));
            Assert.That(reader.Source.Loads, Is.EqualTo(1), "its own copy stays fresh until the next publication replaces it");
            Assert.That(reader.Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Redis), "the next publication is installed as usual");
            Assert.That(reader.Generation, Is.EqualTo(leader.Generation));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AReaderWithAFreshCopy_KeepsServingItWhenTheNewerVersionedKeyIsGone(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var (leader, reader) = harness.AddPair();
        await leader.RefreshOnceAsync();
        await reader.RefreshOnceAsync();
        var held = reader.Generation;
        harness.Time.Advance(harness.Manual.RefreshInterval);
        await leader.RefreshOnceAsync();
        await (await harness.DatabaseAsync()).KeyDeleteAsync(leader.Cache.Keys.Snapshot(leader.Generation));

        await reader.RefreshOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(leader.Generation, Is.GreaterThan(held));
            Assert.That(reader.Generation, Is.EqualTo(held));
            Assert.That(Encoding.UTF8.GetString(reader.Cache.Current!.Payload.Span), Is.EqualTo("hbs1 load 1"));
            Assert.That(reader.Source.Loads, Is.Zero);
            Assert.That(reader.Meters.Sum(Fallbacks), Is.Zero);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AtColdStart_AFollowerWaitsForTheHoldersFirstSnapshot_ButNoLongerThanOneRefreshInterval(bool cluster)
    {
        await using var harness = await CacheHarness.CreateAsync(cluster);
        var follower = harness.AddNode("hbs2");
        var holder = new RedisLock(follower.Redis, harness.Time, NullLogger<RedisLock>.Instance);
        await holder.TryAcquireAsync(follower.Cache.Keys.Lock, harness.Manual.LockTtl);

        await follower.RefreshOnceAsync();
        var waited = follower.Cache.WaitForFirstSnapshotAsync(CancellationToken.None);
        var loadsWhileWaiting = follower.Source.Loads;
        harness.Time.Advance(harness.Manual.RefreshInterval);
        await follower.RefreshOnceAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(loadsWhileWaiting, Is.Zero);
            Assert.That(follower.Source.Loads, Is.EqualTo(1));
            await waited;
            Assert.That(follower.Meters.Sum(Fallbacks, "reason", FallbackReason.PointerMissing), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task WithRedisUnreachable_TheCacheServesWhatTheSourceLoads()
    {
        await using var harness = new CacheHarness($"127.0.0.1:{ServerProcess.FreePort()},connectTimeout=200");
        var node = harness.AddNode("hbs1", harness.FastOptions(), TimeProvider.System);
        using var timeout = new CancellationTokenSource(Patience);

        await node.Cache.StartAsync(CancellationToken.None);
        await node.Cache.WaitForFirstSnapshotAsync(timeout.Token);

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(node.Cache.Current!.Payload.Span), Is.EqualTo("hbs1 load 1"));
            Assert.That(node.Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Database));
            Assert.That(node.Cache.IsLeader, Is.False);
            Assert.That(node.Meters.Sum(Fallbacks, "reason", FallbackReason.RedisUnavailable), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task WhenRedisGoesDown_TheCacheServesFromMemory_ThenReloadsFromTheSourceOnceItsCopyIsTooOld()
    {
        var server = await RedisServer.StartAsync(cluster: false);
        await using var harness = new CacheHarness(server.Connection + ",connectTimeout=500,asyncTimeout=500");
        var (leader, reader) = harness.AddPair();
        await leader.RefreshOnceAsync();
        await reader.RefreshOnceAsync();
        var generation = reader.Generation;

        await server.DisposeAsync();
        await reader.RefreshOnceAsync();
        var loadsWhileFresh = reader.Source.Loads;
        var servedWhileFresh = reader.Cache.Current!.Origin;
        harness.Time.Advance(harness.Manual.MaxAge + TimeSpan.FromSeconds(1));
        await reader.RefreshOnceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(generation, Is.GreaterThan(0));
            Assert.That(loadsWhileFresh, Is.Zero);
            Assert.That(servedWhileFresh, Is.EqualTo(SnapshotOrigin.Redis));
            Assert.That(reader.Source.Loads, Is.EqualTo(1));
            Assert.That(reader.Cache.Current!.Origin, Is.EqualTo(SnapshotOrigin.Database));
            Assert.That(reader.Meters.Sum(Fallbacks, "reason", FallbackReason.RedisUnavailable), Is.EqualTo(1));
        });
    }
}
