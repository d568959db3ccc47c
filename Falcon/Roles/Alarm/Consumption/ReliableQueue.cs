using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>
/// Moves items from Redis lists into per-instance in-flight lists and removes them once handled, so an item is in
/// exactly one list at every moment and a crash loses nothing. Companion lists carry their queue as hash tag
/// (`{event:p0}:inflight:a`): every move stays in one slot and works on Redis Cluster.
/// </summary>
internal sealed class ReliableQueue(RedisConnection redis)
{
    /// <summary>The list holding what <paramref name="instance"/> took from <paramref name="queue"/> and has not finished.</summary>
    public static string InflightKey(string queue, string instance) => RedisKeys.Companion(queue, "inflight", instance);

    /// <summary>Where an instance parks its own in-flight items on start while it takes them back one batch at a time.</summary>
    public static string RecoveringKey(string queue, string instance) => RedisKeys.Companion(queue, "recovering", instance);

    /// <summary>Moves up to <paramref name="count"/> items, oldest first, and returns them oldest first.</summary>
    public async Task<string[]> MoveAsync(string source, string destination, int count, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var result = await db.ScriptEvaluateAsync(ReliableQueueScripts.Move, [source, destination], [count]);
        if (result.IsNull)
        {
            return [];
        }

        var items = (RedisResult[])result!;
        var moved = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            moved[i] = (string)items[i]!;
        }

        return moved;
    }

    /// <summary>Moves everything from <paramref name="source"/> to <paramref name="destination"/>, <paramref name="chunk"/> items per script; returns how many.</summary>
    public async Task<long> MoveAllAsync(string source, string destination, int chunk, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        long total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var moved = (long)await db.ScriptEvaluateAsync(ReliableQueueScripts.MoveCount, [source, destination], [chunk]);
            total += moved;
            if (moved < chunk)
            {
                return total;
            }
        }
    }

    /// <summary>Removes handled items from their in-flight lists, the oldest copy of each, in one round trip.</summary>
    public async Task AcknowledgeAsync(IEnumerable<(string InflightKey, string Raw)> items, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var removals = new List<Task<long>>();
        var batch = db.CreateBatch();
        foreach (var (key, raw) in items)
        {
            // The oldest copy sits at the tail, where -1 starts looking.
            removals.Add(batch.ListRemoveAsync(key, raw, -1));
        }

        batch.Execute();
        await Task.WhenAll(removals);
    }

    /// <summary>Adds <paramref name="entry"/> to the dead-letter list, then removes <paramref name="raw"/> from its in-flight list.</summary>
    public async Task DeadLetterAsync(string deadLetterKey, string entry, string inflightKey, string raw, CancellationToken cancellationToken)
    {
        // Two slots on a cluster, so two commands: pushed first, a crash in between gives a second dead-letter copy, never a loss.
        var db = await redis.GetDatabaseAsync(cancellationToken);
        await db.ListLeftPushAsync(deadLetterKey, entry);
        await db.ListRemoveAsync(inflightKey, raw, -1);
    }

    /// <summary>The lengths of <paramref name="keys"/>, in one round trip.</summary>
    public async Task<long[]> LengthsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var batch = db.CreateBatch();
        var lengths = keys.Select(k => batch.ListLengthAsync(k)).ToArray();
        batch.Execute();
        return await Task.WhenAll(lengths);
    }
}
