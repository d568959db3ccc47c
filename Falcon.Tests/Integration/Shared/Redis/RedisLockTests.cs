using System.Diagnostics;
using System.Globalization;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Shared.Redis;

[Category("Integration")]
public sealed class RedisLockTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TryAcquire_WhenFree_ReturnsALeaseAndStoresItsTokenAndExpiryWithATtl(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = NewKey();

        var lease = await NewLock(redis, time).TryAcquireAsync(key, Ttl);

        var db = await redis.GetDatabaseAsync();
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.Multiple(async () =>
        {
            Assert.That(lease, Is.Not.Null);
            Assert.That(lease!.ExpiresAt, Is.EqualTo(time.GetUtcNow() + Ttl));
            Assert.That((string?)await db.StringGetAsync(key), Is.EqualTo($"{lease.Token}|{lease.ExpiresAt.ToUnixTimeMilliseconds()}"));
            Assert.That(ttl, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(Ttl));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TryAcquire_WhenHeldByAnotherOwner_ReturnsNull(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var key = NewKey();
        var first = await NewLock(redis).TryAcquireAsync(key, Ttl);

        var second = await NewLock(redis).TryAcquireAsync(key, Ttl);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(second, Is.Null);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Release_WithAnotherToken_LeavesTheLockToItsHolder(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var key = NewKey();
        var redisLock = NewLock(redis);
        var holder = await redisLock.TryAcquireAsync(key, Ttl);
        var impostor = new RedisLockLease(key, "not-the-token", DateTimeOffset.UtcNow + Ttl);

        var released = await redisLock.ReleaseAsync(impostor);

        var db = await redis.GetDatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(released, Is.False);
            Assert.That(((string?)await db.StringGetAsync(key))!, Does.StartWith(holder!.Token + "|"));
            Assert.That(await redisLock.TryAcquireAsync(key, Ttl), Is.Null);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Release_ByItsHolder_FreesTheLockForTheNextOwner(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var key = NewKey();
        var redisLock = NewLock(redis);
        var holder = await redisLock.TryAcquireAsync(key, Ttl);

        var released = await redisLock.ReleaseAsync(holder!);

        Assert.Multiple(async () =>
        {
            Assert.That(released, Is.True);
            Assert.That(await redisLock.TryAcquireAsync(key, Ttl), Is.Not.Null);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Renew_WhileHeld_PushesTheExpiryForward(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = NewKey();
        var redisLock = NewLock(redis, time);
        var lease = await redisLock.TryAcquireAsync(key, Ttl);
        time.Advance(TimeSpan.FromSeconds(5));

        var renewed = await redisLock.RenewAsync(lease!, TimeSpan.FromSeconds(30));

        var db = await redis.GetDatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(renewed, Is.True);
            Assert.That(lease!.ExpiresAt, Is.EqualTo(time.GetUtcNow() + TimeSpan.FromSeconds(30)));
            Assert.That(await db.KeyTimeToLiveAsync(key), Is.GreaterThan(Ttl));
            Assert.That((string?)await db.StringGetAsync(key), Does.EndWith("|" + lease.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Renew_AfterTheLockWasLostToAnotherOwner_ReturnsFalseAndLeavesTheirLock(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var key = NewKey();
        var redisLock = NewLock(redis);
        var lost = await redisLock.TryAcquireAsync(key, Ttl);
        var db = await redis.GetDatabaseAsync();
        await db.KeyDeleteAsync(key);
        var winner = await redisLock.TryAcquireAsync(key, Ttl);

        var renewed = await redisLock.RenewAsync(lost!, Ttl);

        Assert.Multiple(async () =>
        {
            Assert.That(renewed, Is.False);
            Assert.That(((string?)await db.StringGetAsync(key))!, Does.StartWith(winner!.Token + "|"));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TryAcquire_WhenTheKeyLostItsTtl_WaitsForTheEmbeddedExpiryThenTakesItOver(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = NewKey();
        var redisLock = NewLock(redis, time);
        var old = await redisLock.TryAcquireAsync(key, Ttl);
        var db = await redis.GetDatabaseAsync();
        await db.KeyPersistAsync(key);

        var beforeExpiry = await redisLock.TryAcquireAsync(key, Ttl);
        time.Advance(Ttl + TimeSpan.FromSeconds(1));
        var afterExpiry = await redisLock.TryAcquireAsync(key, Ttl);

        Assert.Multiple(async () =>
        {
            Assert.That(beforeExpiry, Is.Null, "the embedded expiry has not passed yet");
            Assert.That(afterExpiry, Is.Not.Null, "a lock without TTL whose time has passed is stale");
            Assert.That(await db.KeyTimeToLiveAsync(key), Is.Not.Null, "the new value has a TTL again");
            Assert.That(await redisLock.RenewAsync(old!, Ttl), Is.False, "the old holder lost it");
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TryAcquire_OnAStaleKeyWithoutTtl_LetsExactlyOneOfTwentyConcurrentContendersWin(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var key = NewKey();
        var db = await redis.GetDatabaseAsync();
        await db.StringSetAsync(key, $"dead-holder|{DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds()}");

        var leases = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => NewLock(redis).TryAcquireAsync(key, Ttl))));

        var winners = leases.Where(l => l is not null).ToArray();
        Assert.Multiple(async () =>
        {
            Assert.That(winners, Has.Length.EqualTo(1));
            Assert.That(((string?)await db.StringGetAsync(key))!, Does.StartWith(winners[0]!.Token + "|"));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TryAcquire_OnTheForksSetnxValueWithoutExpire_RespectsItsTimeThenTakesItOver(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var key = NewKey();
        var redisLock = NewLock(redis, time);
        var db = await redis.GetDatabaseAsync();

        // falcon-plus: SETNX key <unix seconds now+timeout>, and an EXPIRE that never ran.
        await db.StringSetAsync(key, time.GetUtcNow().AddSeconds(55).ToUnixTimeSeconds());
        var whileValid = await redisLock.TryAcquireAsync(key, Ttl);
        time.Advance(TimeSpan.FromSeconds(56));
        var afterwards = await redisLock.TryAcquireAsync(key, Ttl);

        Assert.Multiple(() =>
        {
            Assert.That(whileValid, Is.Null);
            Assert.That(afterwards, Is.Not.Null);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TryAcquire_AfterAHolderDiesWithoutReleasing_SucceedsOnceItsTtlRunsOut(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var key = NewKey();
        var shortTtl = TimeSpan.FromMilliseconds(300);
        var dead = await NewLock(redis).TryAcquireAsync(key, shortTtl);
        var survivor = NewLock(redis);
        var stopwatch = Stopwatch.StartNew();

        var refusedAtFirst = await survivor.TryAcquireAsync(key, Ttl);
        RedisLockLease? lease = null;
        await PollAsync(async () => (lease = await survivor.TryAcquireAsync(key, Ttl)) is not null, TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(dead, Is.Not.Null);
            Assert.That(refusedAtFirst, Is.Null);
            Assert.That(lease, Is.Not.Null);
            Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(shortTtl - TimeSpan.FromMilliseconds(50)));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task ExecuteIfHeld_WhileHeld_RunsTheScriptOnKeysInTheLockSlot(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var tag = $"lock-test:{Guid.NewGuid():N}";
        var redisLock = NewLock(redis);
        var lease = await redisLock.TryAcquireAsync($"{{{tag}}}:lock", Ttl);

        var result = await redisLock.ExecuteIfHeldAsync(
            lease!, "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1] .. '!'", [$"{{{tag}}}:data"], ["published"]);

        var db = await redis.GetDatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(result?.ToString(), Is.EqualTo("published!"));
            Assert.That((string?)await db.StringGetAsync($"{{{tag}}}:data"), Is.EqualTo("published"));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task ExecuteIfHeld_AfterTheLockWasTakenOver_DoesNotRunTheScript(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var tag = $"lock-test:{Guid.NewGuid():N}";
        var redisLock = NewLock(redis);
        var lost = await redisLock.TryAcquireAsync($"{{{tag}}}:lock", Ttl);
        var db = await redis.GetDatabaseAsync();
        await db.KeyDeleteAsync($"{{{tag}}}:lock");
        await redisLock.TryAcquireAsync($"{{{tag}}}:lock", Ttl);

        var result = await redisLock.ExecuteIfHeldAsync(lost!, "redis.call('SET', KEYS[1], ARGV[1]) return 1", [$"{{{tag}}}:data"], ["stale"]);

        Assert.Multiple(async () =>
        {
            Assert.That(result, Is.Null);
            Assert.That(await db.KeyExistsAsync($"{{{tag}}}:data"), Is.False);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task ExecuteIfHeld_WhenTheScriptReturnsNil_ReturnsANullValueRatherThanNotHeld(bool cluster)
    {
        await using var redis = await ConnectAsync(cluster);
        var redisLock = NewLock(redis);
        var lease = await redisLock.TryAcquireAsync(NewKey(), Ttl);

        var result = await redisLock.ExecuteIfHeldAsync(lease!, "return nil", [], []);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.Not.Null);
            Assert.That(result!.IsNull, Is.True);
        });
    }

    [Test]
    public async Task ExecuteIfHeld_WithAKeyOutsideTheLocksHashSlot_IsRefusedBeforeReachingRedis()
    {
        await using var redis = await ConnectAsync(cluster: false);
        var lease = new RedisLockLease("{hbs:cache}:lock", "token", DateTimeOffset.UtcNow + Ttl);

        await Assert.ThatAsync(
            () => NewLock(redis).ExecuteIfHeldAsync(lease, "return 1", ["hbs:cache:current"], []),
            Throws.ArgumentException.With.Message.Contains("{hbs:cache}"));
    }

    private static async Task<RedisConnection> ConnectAsync(bool cluster)
    {
        var server = await TestServers.RedisAsync(cluster);
        return new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
    }

    private static RedisLock NewLock(RedisConnection redis, TimeProvider? time = null) =>
        new(redis, time ?? TimeProvider.System, NullLogger<RedisLock>.Instance);

    private static string NewKey() => $"{{lock-test:{Guid.NewGuid():N}}}:lock";

    private static async Task PollAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                Assert.Fail($"condition not met within {timeout}");
            }

            await Task.Delay(20);
        }
    }
}
