namespace Falcon.Shared.Redis;

/// <summary>A held <see cref="RedisLock"/>: its key, the random token that proves ownership, and when it lapses unless renewed.</summary>
internal sealed class RedisLockLease
{
    public RedisLockLease(string key, string token, DateTimeOffset expiresAt)
    {
        Key = key;
        Token = token;
        ExpiresAt = expiresAt;
    }

    /// <summary>The lock's Redis key.</summary>
    public string Key { get; }

    /// <summary>The owner's random token; only it can renew or release the lock.</summary>
    public string Token { get; }

    /// <summary>When the lock lapses by this instance's clock, measured from before the command was sent (so never late).</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Whether the lease is still within its time at <paramref name="now"/> (Redis may already have dropped it).</summary>
    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;

    internal void Extend(DateTimeOffset expiresAt) => ExpiresAt = expiresAt;

    public override string ToString() => $"{Key} (token {Token}, until {ExpiresAt:O})";
}
