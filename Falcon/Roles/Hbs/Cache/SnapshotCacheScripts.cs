namespace Falcon.Roles.Hbs.Cache;

/// <summary>The Lua the snapshot cache runs; each touches only keys under the cache's hash tag.</summary>
internal static class SnapshotCacheScripts
{
    /// <summary>
    /// KEYS[1] generation counter, KEYS[2] pointer. INCR, but never at or below the published generation: a counter
    /// lost (evicted, or Redis restored from an older dump) while the pointer survived must not go backwards.
    /// </summary>
    public const string NextGeneration = """
        local g = redis.call('INCR', KEYS[1])
        local current = redis.call('GET', KEYS[2])
        if current then
          local published = tonumber(string.match(current, '^{"generation":(%d+)'))
          if published and published >= g then
            g = published + 1
            redis.call('SET', KEYS[1], g)
          end
        end
        return g
        """;

    /// <summary>
    /// Run through RedisLock.ExecuteIfHeldAsync, so only the holder publishes. KEYS[1] pointer; ARGV[1] pointer JSON,
    /// ARGV[2] its generation, ARGV[3] ttl ms. Returns 1 when set, 0 when a newer generation is already published.
    /// </summary>
    public const string Publish = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local published = tonumber(string.match(current, '^{"generation":(%d+)'))
          if published and published >= tonumber(ARGV[2]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
        return 1
        """;
}
