using Falcon.Roles.Hbs.Cache;
using Falcon.Shared.Redis;

namespace Falcon.Tests.Integration.Roles.Hbs.Cache;

/// <summary>One simulated hbs instance: its snapshot cache, its counting source, its own meters and Redis connection.</summary>
internal sealed class CacheNode(string name, SnapshotCache cache, CountingSnapshotSource source, TestMeterFactory meters, RedisConnection redis)
{
    public string Name { get; } = name;

    public SnapshotCache Cache { get; } = cache;

    public CountingSnapshotSource Source { get; } = source;

    public TestMeterFactory Meters { get; } = meters;

    public RedisConnection Redis { get; } = redis;

    public bool Killed { get; private set; }

    public long Generation => Cache.Current?.Generation ?? -1;

    /// <summary>Ends the loop the way a crash would: no release of the lock, which must lapse by its TTL.</summary>
    public void Kill()
    {
        Killed = true;
        Cache.Dispose();
    }

    public Task RefreshOnceAsync() => Cache.RefreshOnceAsync(CancellationToken.None);

    public override string ToString() => $"{Name} (leader={Cache.IsLeader}, {Cache.Current?.ToString() ?? "no snapshot"}, loads={Source.Loads})";
}
