namespace Falcon.Roles.Alarm.Consumption;

/// <summary>
/// The Lua behind <see cref="ReliableQueue"/>. Each script touches two lists in one hash slot: an open-falcon queue
/// (`event:p0`, no hash tag) and its companions named with the queue as hash tag (`{event:p0}:inflight:a`), so the
/// move is atomic on a plain Redis and on a Redis Cluster alike.
/// </summary>
internal static class ReliableQueueScripts
{
    /// <summary>KEYS[1] source, KEYS[2] destination, ARGV[1] count: moves up to count items, oldest (tail) first, to the head of the destination; returns them oldest first.</summary>
    public const string Move = """
        local moved = {}
        for i = 1, tonumber(ARGV[1]) do
          local item = redis.call('RPOP', KEYS[1])
          if not item then break end
          redis.call('LPUSH', KEYS[2], item)
          moved[i] = item
        end
        return moved
        """;

    /// <summary>KEYS[1] source, KEYS[2] destination, ARGV[1] count: like Move but returns only how many moved.</summary>
    public const string MoveCount = """
        local n = 0
        for i = 1, tonumber(ARGV[1]) do
          if not redis.call('RPOPLPUSH', KEYS[1], KEYS[2]) then break end
          n = n + 1
        end
        return n
        """;

    /// <summary>KEYS[1] registry hash; ARGV[1] field, ARGV[2] the value seen: deletes the field only if it still holds that value.</summary>
    public const string ForgetIfUnchanged = """
        if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
        return 0
        """;
}
