using System.Diagnostics;
using Falcon.Roles.Hbs.Cache;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Hbs.Cache;

/// <summary>Several simulated hbs instances sharing one Redis under a key prefix of the test's own; stops them all at the end.</summary>
internal sealed class CacheHarness(string connection) : IAsyncDisposable
{
    private readonly List<CacheNode> _nodes = [];
    private readonly RedisConnection _admin = Connect(connection);
    private HbsCacheOptions? _manual;

    public string KeyPrefix { get; } = $"hbs:cache:test-{Guid.NewGuid():N}";

    public static async Task<CacheHarness> CreateAsync(bool cluster) => new((await TestServers.RedisAsync(cluster)).Connection);

    /// <summary>Intervals of hundreds of milliseconds, for tests that let the loops run on the real clock.</summary>
    public HbsCacheOptions FastOptions() => new()
    {
        KeyPrefix = KeyPrefix,
        RefreshInterval = TimeSpan.FromMilliseconds(500),
        PollInterval = TimeSpan.FromMilliseconds(100),
        LockTtl = TimeSpan.FromSeconds(1),
        MaxAge = TimeSpan.FromSeconds(3),
        SnapshotTtl = TimeSpan.FromSeconds(30),
    };

    /// <summary>The defaults, for tests that drive single passes under a FakeTimeProvider (the lock's Redis TTL still runs on the real clock).</summary>
    public HbsCacheOptions ManualOptions() => new() { KeyPrefix = KeyPrefix, LockTtl = TimeSpan.FromSeconds(30) };

    /// <summary>The clock of the nodes added without one (<see cref="AddNode(string)"/>, <see cref="AddPair"/>).</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The options of the nodes added without any: <see cref="ManualOptions"/>.</summary>
    public HbsCacheOptions Manual => _manual ??= ManualOptions();

    /// <summary>A node on <see cref="Time"/> with <see cref="Manual"/> options, driven by single passes.</summary>
    public CacheNode AddNode(string name) => AddNode(name, Manual, Time);

    /// <summary>The setup most cache tests start from: two nodes, hbs1 and hbs2, on <see cref="Time"/> with <see cref="Manual"/> options.</summary>
    public (CacheNode First, CacheNode Second) AddPair() => (AddNode("hbs1"), AddNode("hbs2"));

    /// <summary>Nodes hbs1, hbs2, … with their loops running on the real clock.</summary>
    public async Task<CacheNode[]> StartRunningAsync(int count, HbsCacheOptions options)
    {
        var nodes = Enumerable.Range(1, count).Select(i => AddNode($"hbs{i}", options, TimeProvider.System)).ToArray();
        foreach (var node in nodes)
        {
            await node.Cache.StartAsync(CancellationToken.None);
        }

        return nodes;
    }

    public CacheNode AddNode(string name, HbsCacheOptions options, TimeProvider time, string? redisConnection = null)
    {
        var redis = Connect(redisConnection ?? connection);
        var source = new CountingSnapshotSource(name);
        var meters = new TestMeterFactory();
        var cache = new SnapshotCache(
            source,
            redis,
            new RedisLock(redis, time, NullLogger<RedisLock>.Instance),
            Options.Create(options),
            time,
            meters,
            NullLogger<SnapshotCache>.Instance);
        var node = new CacheNode(name, cache, source, meters, redis);
        _nodes.Add(node);
        return node;
    }

    public async Task<IDatabase> DatabaseAsync() => await _admin.GetDatabaseAsync();

    public async Task<SnapshotPointer?> PointerAsync(SnapshotKeys keys)
    {
        var value = (byte[]?)await (await DatabaseAsync()).StringGetAsync(keys.Pointer);
        return value is null ? null : SnapshotPointer.TryParse(value);
    }

    /// <summary>Waits for a condition, failing with <paramref name="describe"/> when it does not hold within <paramref name="timeout"/>.</summary>
    public static async Task PollAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                Assert.Fail($"not within {timeout}: {describe()}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (!node.Killed)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await node.Cache.StopAsync(timeout.Token);
            }

            node.Cache.Dispose();
            node.Meters.Dispose();
            await node.Redis.DisposeAsync();
        }

        await _admin.DisposeAsync();
    }

    private static RedisConnection Connect(string connection) =>
        new(Options.Create(new RedisOptions { Connection = connection }), NullLogger<RedisConnection>.Instance);
}
