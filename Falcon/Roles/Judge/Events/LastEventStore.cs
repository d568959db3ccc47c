using System.Text.Json;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Falcon.Roles.Judge.Events;

/// <summary>
/// Reads the last events <see cref="EventPublisher"/> stored. There is no scan over all ids: the judge warms an id the
/// first time it judges it (<see cref="WarmAsync"/>), which keeps start-up cheap and works on a Redis Cluster, where a
/// SCAN would have to visit every node.
/// </summary>
internal sealed class LastEventStore(RedisConnection redis, ILogger<LastEventStore> logger)
{
    /// <summary>The stored last event of <paramref name="eventId"/>, or null when there is none (or it is unreadable).</summary>
    public async Task<LastEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var key = LastEventKeys.For(eventId);
        var db = await redis.GetDatabaseAsync(cancellationToken);
        return Parse(eventId, await db.StringGetAsync(key));
    }

    /// <summary>The stored last events of <paramref name="eventIds"/>, in the same order, null where there is none.</summary>
    public async Task<IReadOnlyList<LastEvent?>> GetManyAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return [];
        }

        var keys = eventIds.Select(LastEventKeys.For).ToArray();
        var db = await redis.GetDatabaseAsync(cancellationToken);

        // MGET over keys of different slots is refused by a Redis Cluster (CROSSSLOT); separate GETs issued without
        // awaiting in between are pipelined by the multiplexer, each routed to its own node, at about the same cost.
        var pending = keys.Select(key => db.StringGetAsync(key)).ToArray();
        var values = await Task.WhenAll(pending);
        var result = new LastEvent?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Parse(eventIds[i], values[i]);
        }

        return result;
    }

    /// <summary>
    /// Restores into <paramref name="machine"/> the stored last event of each id it does not already hold; call it before
    /// the first <see cref="EventStateMachine.Decide"/> of those ids. Ids the machine holds are left alone, as its own state
    /// is at least as new as what it stored. Returns how many were restored.
    /// </summary>
    public async Task<int> WarmAsync(EventStateMachine machine, IReadOnlyList<string> eventIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(eventIds);
        var missing = eventIds.Where(id => !machine.TryGetLast(id, out _)).Distinct(StringComparer.Ordinal).ToList();
        var stored = await GetManyAsync(missing, cancellationToken);
        var restored = 0;
        for (var i = 0; i < missing.Count; i++)
        {
            // Re-checked: a Decide that ran while the GETs were in flight has the newer state.
            if (stored[i] is { } last && !machine.TryGetLast(missing[i], out _))
            {
                machine.Restore(missing[i], last);
                restored++;
            }
        }

        return restored;
    }

    private LastEvent? Parse(string eventId, RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize((string)value!, LastEventJsonContext.Default.StoredLastEvent);
            if (stored?.ToLastEvent() is { } last)
            {
                return last;
            }
        }
        catch (JsonException)
        {
            // Fall through: an unreadable state is treated as none, which at worst repeats one alarm.
        }

        Log.LastEventUnreadable(logger, LastEventKeys.For(eventId));
        return null;
    }
}
