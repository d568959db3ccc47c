using System.Text.Json;
using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>
/// The failure and final-failure queues in Redis: a ZSET of ids by due (or failure) time beside a HASH of records.
/// Due messages are claimed, not popped: claiming pushes their due time out by a lease, so a crash mid-round
/// brings them back and two instances never run the same round at once.
/// </summary>
internal sealed class FailureStore(RedisConnection redis, DeliveryKeys keys)
{
    // KEYS: failed zset, failed hash. ARGV: now ms, lease-until ms, max.
    private const string ClaimScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
        local out = {}
        for _, id in ipairs(ids) do
          local json = redis.call('HGET', KEYS[2], id)
          if json then
            redis.call('ZADD', KEYS[1], ARGV[2], id)
            table.insert(out, json)
          else
            redis.call('ZREM', KEYS[1], id)
          end
        end
        return out
        """;

    // KEYS: sent key, queue zset, queue hash. ARGV: retention ms, id. One command instead of a MULTI of three.
    private const string MarkSentScript = """
        redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[2])
        redis.call('HDEL', KEYS[3], ARGV[2])
        return 1
        """;

    public DeliveryKeys Keys => keys;

    /// <summary>Puts messages from routing in the outbox, due now, in one transaction.</summary>
    public async Task EnqueueAsync(IReadOnlyList<DeliveryRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        var db = await redis.GetDatabaseAsync(cancellationToken);
        var tx = db.CreateTransaction();
        // Two commands whatever the count (HSET and ZADD take many fields and members), not two per message.
        var score = now.ToUnixTimeMilliseconds();
        _ = tx.HashSetAsync(keys.OutboxRecords, [.. records.Select(static r => new HashEntry(r.Message.Id, Serialize(r)))]);
        _ = tx.SortedSetAddAsync(keys.Outbox, [.. records.Select(r => new SortedSetEntry(r.Message.Id, score))]);
        await Commit(tx);
    }

    /// <summary>Puts a record in the failure queue, due at <paramref name="due"/> (replacing any earlier copy), taking it out of <paramref name="source"/>.</summary>
    public async Task ScheduleAsync(DeliveryRecord record, DateTimeOffset due, DeliveryQueue source, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var tx = db.CreateTransaction();
        if (source == DeliveryQueue.Outbox)
        {
            Remove(tx, DeliveryQueue.Outbox, record.Message.Id);
        }

        _ = tx.HashSetAsync(keys.FailedRecords, record.Message.Id, Serialize(record));
        _ = tx.SortedSetAddAsync(keys.Failed, record.Message.Id, due.ToUnixTimeMilliseconds());
        await Commit(tx);
    }

    /// <summary>Up to <paramref name="max"/> <paramref name="queue"/> records due by <paramref name="now"/>, leased until <paramref name="leaseUntil"/>.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ClaimAsync(DeliveryQueue queue, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        var (zset, hash) = keys.Of(queue);
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var result = await db.ScriptEvaluateAsync(
            ClaimScript,
            [zset, hash],
            [now.ToUnixTimeMilliseconds(), leaseUntil.ToUnixTimeMilliseconds(), max]);
        var records = new List<DeliveryRecord>();
        foreach (var item in (RedisResult[])result!)
        {
            if (TryDeserialize((string?)item, out var record))
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>Removes a delivered (or already sent) message from its queue.</summary>
    public async Task CompleteAsync(string id, DeliveryQueue source, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var tx = db.CreateTransaction();
        Remove(tx, source, id);
        await Commit(tx);
    }

    /// <summary>Moves a message from the failure queue (and <paramref name="source"/>) to the final-failure queue.</summary>
    public async Task MoveToFinalAsync(DeliveryRecord record, DateTimeOffset now, DeliveryQueue source, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var tx = db.CreateTransaction();
        Remove(tx, DeliveryQueue.Failed, record.Message.Id);
        if (source == DeliveryQueue.Outbox)
        {
            Remove(tx, DeliveryQueue.Outbox, record.Message.Id);
        }

        _ = tx.HashSetAsync(keys.FinalRecords, record.Message.Id, Serialize(record));
        _ = tx.SortedSetAddAsync(keys.Final, record.Message.Id, now.ToUnixTimeMilliseconds());
        await Commit(tx);
    }

    public async Task<bool> IsSentAsync(string id, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        return await db.KeyExistsAsync(keys.Sent(id));
    }

    /// <summary>Marks a message delivered and, in the same atomic step, removes it from <paramref name="source"/>.</summary>
    public async Task MarkSentAsync(string id, TimeSpan retention, DeliveryQueue source, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        if (source is DeliveryQueue.None)
        {
            await db.StringSetAsync(keys.Sent(id), "1", retention);
            return;
        }

        var (zset, hash) = keys.Of(source);
        await db.ScriptEvaluateAsync(MarkSentScript, [keys.Sent(id), zset, hash], [(long)retention.TotalMilliseconds, id]);
    }

    /// <summary>The ids among <paramref name="ids"/> marked delivered, in one round trip.</summary>
    public async Task<IReadOnlySet<string>> SentAmongAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return sent;
        }

        var db = await redis.GetDatabaseAsync(cancellationToken);
        var batch = db.CreateBatch();
        var checks = ids.Select(id => batch.KeyExistsAsync(keys.Sent(id))).ToArray();
        batch.Execute();
        var exists = await Task.WhenAll(checks);
        for (var i = 0; i < ids.Count; i++)
        {
            if (exists[i])
            {
                sent.Add(ids[i]);
            }
        }

        return sent;
    }

    /// <summary>Messages dispatched and waiting for their first round.</summary>
    public async Task<long> OutboxLengthAsync(CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        return await db.SortedSetLengthAsync(keys.Outbox);
    }

    /// <summary>Sizes of the failure and final-failure queues.</summary>
    public async Task<(long Failed, long Final)> CountAsync(CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var failed = db.SortedSetLengthAsync(keys.Failed);
        var final = db.SortedSetLengthAsync(keys.Final);
        return (await failed, await final);
    }

    /// <summary>The final failures, oldest first.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListFinalAsync(int max, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var ids = await db.SortedSetRangeByRankAsync(keys.Final, 0, max - 1);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await db.HashGetAsync(keys.FinalRecords, ids);
        var records = new List<DeliveryRecord>(values.Length);
        foreach (var value in values)
        {
            if (TryDeserialize(value, out var record))
            {
                records.Add(record);
            }
        }

        return records;
    }

    /// <summary>Moves final failures (all, or those named) back to the failure queue, due now, for one more round. Returns how many moved.</summary>
    public async Task<int> ReplayAsync(IReadOnlyCollection<string>? ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync(cancellationToken);
        var targets = ids is { Count: > 0 } ? ids.Select(i => (RedisValue)i).ToArray() : await db.SortedSetRangeByRankAsync(keys.Final);
        var moved = 0;
        foreach (var id in targets)
        {
            var value = await db.HashGetAsync(keys.FinalRecords, id);
            if (!TryDeserialize(value, out var record))
            {
                continue;
            }

            var tx = db.CreateTransaction();
            tx.AddCondition(Condition.HashEqual(keys.FinalRecords, id, value));
            _ = tx.SortedSetRemoveAsync(keys.Final, id);
            _ = tx.HashDeleteAsync(keys.FinalRecords, id);
            _ = tx.HashSetAsync(keys.FailedRecords, id, Serialize(record with { Replayed = true }));
            _ = tx.SortedSetAddAsync(keys.Failed, id, now.ToUnixTimeMilliseconds());
            if (await tx.ExecuteAsync())
            {
                moved++;
            }
        }

        return moved;
    }

    public static string Serialize(DeliveryRecord record) => JsonSerializer.Serialize(record, DeliveryJsonContext.Default.DeliveryRecord);

    private static bool TryDeserialize(RedisValue value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeliveryRecord? record)
    {
        record = null;
        if (value.IsNullOrEmpty)
        {
            return false;
        }

        try
        {
            record = JsonSerializer.Deserialize((string)value!, DeliveryJsonContext.Default.DeliveryRecord);
            return record?.Message is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Remove(ITransaction tx, DeliveryQueue queue, string id)
    {
        if (queue is DeliveryQueue.None)
        {
            return;
        }

        var (zset, hash) = keys.Of(queue);
        _ = tx.SortedSetRemoveAsync(zset, id);
        _ = tx.HashDeleteAsync(hash, id);
    }

    private static async Task Commit(ITransaction tx)
    {
        if (!await tx.ExecuteAsync())
        {
            throw new RedisException("delivery queue transaction was not applied");
        }
    }
}
