using System.Text.Json;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Redis;

namespace Falcon.Roles.Judge.Events;

/// <summary>
/// Sends a judge event the way open-falcon's judge does (LPUSH of its JSON to <c>fmt.Sprintf(queuePattern, priority)</c>)
/// and records it as the last event of its id, so a restarted judge picks up where this one stopped.
/// </summary>
internal sealed class EventPublisher(RedisConnection redis)
{
    /// <summary>Pushes <paramref name="judgeEvent"/> to its priority's queue, then stores it as its id's last event.</summary>
    /// <exception cref="FormatException">The pattern is not a valid queue pattern.</exception>
    /// <exception cref="ArgumentException">The event's status is neither PROBLEM nor OK, or it has no id.</exception>
    public async Task PublishAsync(JudgeEvent judgeEvent, string pattern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgeEvent);
        ArgumentException.ThrowIfNullOrEmpty(judgeEvent.Id, nameof(judgeEvent));
        var queue = EventQueues.QueueKey(pattern, judgeEvent.Priority);
        var last = ToLastEvent(judgeEvent);
        var eventJson = JsonSerializer.Serialize(judgeEvent, EventJsonContext.Default.JudgeEvent);
        var lastJson = JsonSerializer.Serialize(StoredLastEvent.From(last), LastEventJsonContext.Default.StoredLastEvent);

        cancellationToken.ThrowIfCancellationRequested();
        var db = await redis.GetDatabaseAsync(cancellationToken);

        // The queue key is fixed by alarm's BRPOP and the last-event key is per id, so on a Redis Cluster they sit in
        // different slots and cannot share a MULTI or a script. They are written as two commands, in this order: if the
        // process dies after the LPUSH but before the SET, a restarted judge sends the event again (a duplicate alarm);
        // the other order would leave a PROBLEM marked as sent that alarm never received (a lost alarm, and no OK either).
        // The SET is therefore only issued once the LPUSH is acknowledged, not pipelined beside it.
        await db.ListLeftPushAsync(queue, eventJson);
        await db.StringSetAsync(LastEventKeys.For(judgeEvent.Id), lastJson, LastEventKeys.TimeToLive);
    }

    /// <summary>The last-event state <paramref name="judgeEvent"/> leaves behind.</summary>
    public static LastEvent ToLastEvent(JudgeEvent judgeEvent)
    {
        ArgumentNullException.ThrowIfNull(judgeEvent);
        var status = judgeEvent.Status switch
        {
            JudgeEventStatus.Problem => EventStatus.Problem,
            JudgeEventStatus.Ok => EventStatus.Ok,
            _ => throw new ArgumentException($"Event status '{judgeEvent.Status}' is neither PROBLEM nor OK.", nameof(judgeEvent)),
        };
        return new LastEvent(status, judgeEvent.CurrentStep, judgeEvent.EventTime);
    }
}
