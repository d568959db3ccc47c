namespace Falcon.Shared.Silences;

/// <summary>The Lua behind <see cref="SilenceStore"/>: the hash and the expiry zset change together or not at all.</summary>
internal static class SilenceScripts
{
    /// <summary>Deletes at most 1000 silences whose until is at or before ARGV[1] (unix ms); KEYS = items, expiry.</summary>
    private const string PruneBody = """
        local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 1000)
        if #expired > 0 then
          redis.call('HDEL', KEYS[1], unpack(expired))
          redis.call('ZREM', KEYS[2], unpack(expired))
        end
        """;

    /// <summary>KEYS = items, expiry; ARGV[1] prune-before (unix ms), ARGV[2] id, ARGV[3] JSON, ARGV[4] until (unix ms).</summary>
    public const string Add = PruneBody + """

        redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
        return 1
        """;

    /// <summary>KEYS = items, expiry; ARGV[1] id. Returns 1 when the silence was there.</summary>
    public const string Remove = """
        local removed = redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return removed
        """;

    /// <summary>KEYS = items, expiry; ARGV[1] prune-before (unix ms). Returns every remaining id and JSON, flattened.</summary>
    public const string Load = PruneBody + """

        return redis.call('HGETALL', KEYS[1])
        """;
}
