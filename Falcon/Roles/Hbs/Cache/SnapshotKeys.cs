using System.Globalization;
using Falcon.Shared.Redis;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>The cache's Redis keys, all under the hash tag `{prefix}` so the lock and what it guards share one cluster slot.</summary>
internal sealed class SnapshotKeys
{
    private readonly string _snapshotPrefix;

    public SnapshotKeys(string prefix)
    {
        Lock = RedisKeys.Companion(prefix, "lock");
        Generation = RedisKeys.Companion(prefix, "generation");
        Pointer = RedisKeys.Companion(prefix, "current");
        _snapshotPrefix = RedisKeys.Companion(prefix, "snapshot");
    }

    /// <summary>The refresher's lock: `{hbs:cache}:lock`.</summary>
    public string Lock { get; }

    /// <summary>The generation counter (INCR): `{hbs:cache}:generation`.</summary>
    public string Generation { get; }

    /// <summary>The fixed pointer to the current snapshot: `{hbs:cache}:current`.</summary>
    public string Pointer { get; }

    /// <summary>The versioned snapshot of a generation: `{hbs:cache}:snapshot:42`.</summary>
    public string Snapshot(long generation) => string.Create(CultureInfo.InvariantCulture, $"{_snapshotPrefix}:{generation}");
}
