namespace Falcon.Roles.Hbs.Cache;

/// <summary>Why an instance loaded from the database itself: the `reason` tag of `falcon.hbs.cache.fallbacks`.</summary>
internal static class FallbackReason
{
    /// <summary>Redis did not answer (down, unreachable, timing out).</summary>
    public const string RedisUnavailable = "redis_unavailable";

    /// <summary>No pointer key: nothing published yet, or the holder stopped publishing for longer than the snapshot TTL.</summary>
    public const string PointerMissing = "pointer_missing";

    /// <summary>The pointer names a versioned key that is gone (expired or deleted).</summary>
    public const string SnapshotMissing = "snapshot_missing";

    /// <summary>The versioned key holds something that is not an intact snapshot of that generation.</summary>
    public const string SnapshotCorrupt = "snapshot_corrupt";

    /// <summary>The published snapshot is older than `hbs.cache.maxAge`.</summary>
    public const string SnapshotStale = "snapshot_stale";
}
