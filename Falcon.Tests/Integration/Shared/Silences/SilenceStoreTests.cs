using Falcon.Roles.Alarm.Silences;
using Falcon.Shared.Model;
using Falcon.Shared.Redis;
using Falcon.Shared.Silences;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Shared.Silences;

/// <summary>The store on a real Redis, plain and cluster: what is stored, replaced, ended, pruned and kept.</summary>
[Category("Integration")]
public sealed class SilenceStoreTests
{
    private static readonly TimeSpan Max = TimeSpan.FromDays(30);

    private readonly List<RedisConnection> _connections = [];
    private FakeTimeProvider _time = null!;
    private string _prefix = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        _prefix = $"silences_{Guid.NewGuid():N}";
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Add_StoresTheSilence_AndStopsThatRecipientOnly(bool cluster)
    {
        var store = await StoreAsync(cluster);

        var silence = await store.AddAsync(Draft("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1)), Max, CancellationToken.None);
        var listed = await (await StoreAsync(cluster)).ListAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(silence.Until, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
            Assert.That(silence.CreatedBy, Is.EqualTo("ops"));
            Assert.That(listed, Is.EqualTo(new[] { silence }));
            Assert.That(store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow()), Is.True);
            Assert.That(store.IsSilenced("alice", "host-a", "cpu.idle/core=3", _time.GetUtcNow()), Is.True, "a metric-only silence covers every tag variant");
            Assert.That(store.IsSilenced("bob", "host-a", "cpu.idle", _time.GetUtcNow()), Is.False);
            Assert.That(store.IsSilenced("alice", "host-b", "cpu.idle", _time.GetUtcNow()), Is.False);
            Assert.That(store.IsSilenced("alice", "host-a", "mem.used", _time.GetUtcNow()), Is.False);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Silence_EndsOnTime_AndIsThenPrunedFromRedis(bool cluster)
    {
        var store = await StoreAsync(cluster);
        await store.AddAsync(Draft("alice", "host-a", "cpu.idle", TimeSpan.FromMinutes(30)), Max, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        var justBefore = store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));
        var atTheEnd = store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow());
        var listed = await store.ListAsync(CancellationToken.None);
        _time.Advance(SilenceStore.PruneGrace);
        await store.ReloadAsync(CancellationToken.None);
        var db = await DatabaseAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(justBefore, Is.True);
            Assert.That(atTheEnd, Is.False);
            Assert.That(listed, Is.Empty);
            Assert.That(await db.HashLengthAsync(new SilenceKeys(_prefix).Items), Is.Zero);
            Assert.That(await db.SortedSetLengthAsync(new SilenceKeys(_prefix).Expiry), Is.Zero);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Add_ForTheSameRecipientAndCounter_ReplacesInsteadOfStacking(bool cluster)
    {
        var store = await StoreAsync(cluster);
        var first = await store.AddAsync(Draft("alice", "host-a", "df.bytes.free.percent/mount=/data,fs=ext4", TimeSpan.FromHours(3)), Max, CancellationToken.None);

        var second = await store.AddAsync(Draft("alice", "host-a", "df.bytes.free.percent/fs=ext4,mount=/data", TimeSpan.FromHours(1)), Max, CancellationToken.None);
        var listed = await store.ListAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(second.Id, Is.EqualTo(first.Id));
            Assert.That(second.Counter, Is.EqualTo("df.bytes.free.percent/fs=ext4,mount=/data"));
            Assert.That(listed, Has.Count.EqualTo(1));
            Assert.That(listed[0].Until, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Remove_LiftsTheSilence_AndASecondRemoveFindsNothing(bool cluster)
    {
        var store = await StoreAsync(cluster);
        var silence = await store.AddAsync(Draft("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1)), Max, CancellationToken.None);

        var removed = await store.RemoveAsync(silence.Id.ToUpperInvariant(), CancellationToken.None);
        var again = await store.RemoveAsync(silence.Id, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(removed, Is.True);
            Assert.That(again, Is.False);
            Assert.That(store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow()), Is.False);
            Assert.That(await store.ListAsync(CancellationToken.None), Is.Empty);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Restarted_Store_HonoursWhatRedisHolds_AfterOneReload(bool cluster)
    {
        await (await StoreAsync(cluster)).AddAsync(Draft("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1)), Max, CancellationToken.None);
        var restarted = await StoreAsync(cluster);

        var before = restarted.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow());
        var (loaded, unreadable) = await restarted.ReloadAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.False, "nothing is known before the reload");
            Assert.That((loaded, unreadable), Is.EqualTo((1, 0)));
            Assert.That(restarted.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow()), Is.True);
        });
    }

    [Test]
    public async Task Reload_SkipsUnreadableEntries_AndKeepsTheRest()
    {
        var store = await StoreAsync(cluster: false);
        await store.AddAsync(Draft("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1)), Max, CancellationToken.None);
        var db = await DatabaseAsync();
        await db.HashSetAsync(new SilenceKeys(_prefix).Items, "0000000000000000", "{not json");

        var (loaded, unreadable) = await store.ReloadAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((loaded, unreadable), Is.EqualTo((1, 1)));
            Assert.That(store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow()), Is.True);
        });
    }

    [Test]
    public async Task FailedReload_KeepsTheSilencesHeld_InsteadOfTreatingTheErrorAsExpiry()
    {
        // The fork's sync took a Redis error for "expired" and dropped the silence.
        var store = await StoreAsync(cluster: false);
        await store.AddAsync(Draft("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1)), Max, CancellationToken.None);
        var db = await DatabaseAsync();
        var items = new SilenceKeys(_prefix).Items;
        await db.KeyDeleteAsync(items);
        await db.StringSetAsync(items, "not a hash");

        Assert.That(async () => await store.ReloadAsync(CancellationToken.None), Throws.InstanceOf<RedisException>());
        Assert.That(store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow()), Is.True);
    }

    [Test]
    public async Task TagNarrowedSilence_StopsOnlySeriesCarryingThoseTags()
    {
        var store = await StoreAsync(cluster: false);
        await store.AddAsync(Draft("alice", "host-a", "df.bytes.free.percent/mount=/data", TimeSpan.FromHours(1)), Max, CancellationToken.None);
        var now = _time.GetUtcNow();

        Assert.Multiple(() =>
        {
            Assert.That(store.IsSilenced("alice", "host-a", "df.bytes.free.percent", TagSet.Parse("fstype=ext4,mount=/data"), now), Is.True);
            Assert.That(store.IsSilenced("alice", "host-a", "df.bytes.free.percent", TagSet.Parse("mount=/"), now), Is.False);
            Assert.That(store.IsSilenced("alice", "host-a", "df.bytes.free.percent", TagSet.Empty, now), Is.False);
        });
    }

    [Test]
    public async Task ActiveGauge_CountsSilencesInForce()
    {
        using var meters = new TestMeterFactory();
        var store = await StoreAsync(cluster: false);
        _ = new SilenceMetrics(meters, store, _time);
        var silence = await store.AddAsync(Draft("alice", "host-a", "cpu.idle", TimeSpan.FromHours(1)), Max, CancellationToken.None);
        await store.AddAsync(Draft("bob", "*", "cpu.idle", TimeSpan.FromHours(2)), Max, CancellationToken.None);

        var two = meters.Observe("falcon.alarm.silences.active");
        await store.RemoveAsync(silence.Id, CancellationToken.None);
        var one = meters.Observe("falcon.alarm.silences.active");
        _time.Advance(TimeSpan.FromHours(2));
        var none = meters.Observe("falcon.alarm.silences.active");

        Assert.That((two, one, none), Is.EqualTo(((double?)2, (double?)1, (double?)0)));
    }

    private static SilenceDraft Draft(string user, string endpoint, string counter, TimeSpan duration) =>
        new(user, endpoint, counter, duration, "handling it", "ops");

    private async Task<SilenceStore> StoreAsync(bool cluster)
    {
        var server = await TestServers.RedisAsync(cluster);
        var connection = new RedisConnection(Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        return new SilenceStore(connection, new SilenceKeys(_prefix), _time);
    }

    private async Task<IDatabase> DatabaseAsync() => await _connections[0].GetDatabaseAsync();
}
