namespace Falcon.Roles.Hbs.Cache;

/// <summary>Where the snapshot an instance serves came from.</summary>
internal enum SnapshotOrigin
{
    /// <summary>Read from Redis, published by the lock holder.</summary>
    Redis,

    /// <summary>Loaded from the database by this instance, not published (fallback, or a refresh that lost the lock).</summary>
    Database,

    /// <summary>Loaded from the database by this instance as lock holder and published to Redis.</summary>
    Published,
}
