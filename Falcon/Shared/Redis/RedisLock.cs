using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Falcon.Shared.Redis;

/// <summary>
/// A lease lock on one Redis key, on plain Redis and Redis Cluster: acquired in one atomic step with a random token and
/// a TTL, renewed and released only by that token, and recognised as stale when its key has lost its TTL.
/// </summary>
/// <remarks>
/// Clocks: while the key has its TTL (the normal case) only Redis's clock decides when a lock lapses, so instances may
/// disagree about the time. The embedded expiry is a backstop for a key that lost its TTL, and there each instance
/// compares it with its own clock: instances must agree to well within one TTL (NTP does), or a fast clock takes a
/// TTL-less lock early. Leadership is best-effort either way: what a holder writes must be guarded with
/// <see cref="ExecuteIfHeldAsync"/>, not merely preceded by a lock check.
/// </remarks>
internal sealed class RedisLock
{
    private static readonly ConcurrentDictionary<string, string> GuardedScripts = new(StringComparer.Ordinal);

    private readonly RedisConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RedisLock> _logger;

    public RedisLock(RedisConnection connection, TimeProvider timeProvider, ILogger<RedisLock> logger)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Takes the lock if it is free or stale; null when another owner holds it.</summary>
    public async Task<RedisLockLease?> TryAcquireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1));
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = _timeProvider.GetUtcNow();
        var expiresAt = now + ttl;
        var db = await _connection.GetDatabaseAsync(cancellationToken);
        var result = (RedisResult[]?)await db.ScriptEvaluateAsync(
            RedisLockScripts.Acquire,
            [key],
            [Value(token, expiresAt), Milliseconds(ttl), now.ToUnixTimeMilliseconds()]).WaitAsync(cancellationToken);
        switch (result is { Length: > 0 } ? (int)result[0] : 0)
        {
            case 1:
                return new RedisLockLease(key, token, expiresAt);
            case 2:
                Log.StaleLockTakenOver(_logger, key, result![1].ToString());
                return new RedisLockLease(key, token, expiresAt);
            default:
                return null;
        }
    }

    /// <summary>Extends the lease by <paramref name="ttl"/> from now; false when the lock was lost (expired, taken over).</summary>
    public async Task<bool> RenewAsync(RedisLockLease lease, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1));
        var expiresAt = _timeProvider.GetUtcNow() + ttl;
        var db = await _connection.GetDatabaseAsync(cancellationToken);
        var renewed = (long)await db.ScriptEvaluateAsync(
            RedisLockScripts.Renew,
            [lease.Key],
            [lease.Token, Value(lease.Token, expiresAt), Milliseconds(ttl)]).WaitAsync(cancellationToken) == 1;
        if (renewed)
        {
            lease.Extend(expiresAt);
        }

        return renewed;
    }

    /// <summary>Deletes the lock if this lease still holds it; false (and the lock untouched) otherwise.</summary>
    public async Task<bool> ReleaseAsync(RedisLockLease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var db = await _connection.GetDatabaseAsync(cancellationToken);
        var released = (long)await db.ScriptEvaluateAsync(RedisLockScripts.Release, [lease.Key], [lease.Token]).WaitAsync(cancellationToken) == 1;
        if (released)
        {
            lease.Extend(_timeProvider.GetUtcNow());
        }

        return released;
    }

    /// <summary>
    /// Runs <paramref name="script"/> atomically with the check that <paramref name="lease"/> still holds the lock;
    /// null when it does not (the script did not run), else the script's result. The lock key and token are appended to
    /// KEYS and ARGV, so the script's own indices are unchanged. Every key must share the lock key's hash slot.
    /// The script should be a constant: each distinct text is wrapped and cached once.
    /// </summary>
    public async Task<RedisResult?> ExecuteIfHeldAsync(
        RedisLockLease lease, string script, RedisKey[] keys, RedisValue[] values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentException.ThrowIfNullOrEmpty(script);
        var slot = RedisKeys.HashTag(lease.Key);
        foreach (var key in keys)
        {
            // Checked on plain Redis too, so a key outside the slot fails in development rather than on the first cluster.
            if (!string.Equals(RedisKeys.HashTag(key.ToString()), slot, StringComparison.Ordinal))
            {
                throw new ArgumentException($"key {key} is not in the hash slot of lock {lease.Key}: give it the hash tag {{{slot}}}", nameof(keys));
            }
        }

        var guarded = GuardedScripts.GetOrAdd(script, RedisLockScripts.IfHeld);
        var db = await _connection.GetDatabaseAsync(cancellationToken);
        var result = (RedisResult[]?)await db.ScriptEvaluateAsync(guarded, [.. keys, lease.Key], [.. values, lease.Token]).WaitAsync(cancellationToken);
        if (result is not { Length: > 0 } || (int)result[0] != 1)
        {
            return null;
        }

        // A script that returned nil leaves no second element (Lua tables end at the first nil).
        return result.Length > 1 ? result[1] : RedisResult.Create(RedisValue.Null);
    }

    private static string Value(string token, DateTimeOffset expiresAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{token}|{expiresAt.ToUnixTimeMilliseconds()}");

    private static long Milliseconds(TimeSpan ttl) => (long)Math.Ceiling(ttl.TotalMilliseconds);
}
