namespace Falcon.Shared.Redis;

/// <summary>
/// The Lua behind <see cref="RedisLock"/>. A lock value is `&lt;token&gt;|&lt;unix ms expiry&gt;`: the token proves
/// ownership, and the embedded expiry lets a key that lost its TTL (PERSIST, a failover that dropped it, the old
/// falcon-plus hbs's SETNX without EXPIRE) be recognised as stale instead of blocking every instance forever.
/// </summary>
internal static class RedisLockScripts
{
    /// <summary>KEYS[1] lock; ARGV[1] value, ARGV[2] ttl ms, ARGV[3] the caller's now in unix ms. Returns {1} free, {2, old} stale taken over, {0} held.</summary>
    public const string Acquire = """
        local current = redis.call('GET', KEYS[1])
        if current then
          -- A key that still has a TTL is held: Redis's own clock decides when it goes, not the callers'.
          if redis.call('PTTL', KEYS[1]) ~= -1 then return {0} end
          local bar = string.find(current, '|', 1, true)
          local expiry = tonumber(bar and string.sub(current, bar + 1) or current)
          -- falcon-plus's SETNX wrote unix seconds; Falcon writes unix milliseconds.
          if expiry and expiry < 100000000000 then expiry = expiry * 1000 end
          if expiry and expiry > tonumber(ARGV[3]) then return {0} end
          -- No TTL and its time has passed (or unreadable and immortal): replace it, in this same atomic step.
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return {2, current}
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return {1}
        """;

    /// <summary>KEYS[1] lock; ARGV[1] token, ARGV[2] new value, ARGV[3] ttl ms. Returns 1 when renewed, 0 when the token no longer holds it.</summary>
    public const string Renew = """
        local current = redis.call('GET', KEYS[1])
        if current and string.sub(current, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    /// <summary>KEYS[1] lock; ARGV[1] token. Returns 1 when deleted, 0 when someone else holds it (left alone).</summary>
    public const string Release = """
        local current = redis.call('GET', KEYS[1])
        if current and string.sub(current, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>
    /// Wraps a caller's script so it runs only while the lock is held: the lock key is appended to KEYS and the token to
    /// ARGV (the script's own indices are unchanged). Returns {0} when not held, else {1, the script's result}.
    /// </summary>
    public static string IfHeld(string script) => $$"""
        local lockValue = redis.call('GET', KEYS[#KEYS])
        local lockToken = ARGV[#ARGV]
        if not lockValue or string.sub(lockValue, 1, #lockToken + 1) ~= lockToken .. '|' then return {0} end
        return {1, (function()
        {{script}}
        end)()}
        """;
}
