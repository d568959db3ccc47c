using System.Collections.Concurrent;

namespace Falcon.Roles.Judge.Evaluation;

/// <summary>
/// sendEventIfNeed (judge/store/judge.go): decides whether an evaluation becomes a PROBLEM or OK event,
/// from the last event sent under the same id. Unlike open-falcon the state can be exported and restored,
/// so a restarted judge neither repeats a PROBLEM nor forgets the OK.
/// </summary>
internal sealed class EventStateMachine(TimeProvider timeProvider)
{
    /// <summary>open-falcon's alarm.minInterval default.</summary>
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromSeconds(300);

    private readonly ConcurrentDictionary<string, LastEvent> _last = new(StringComparer.Ordinal);

    public int Count => _last.Count;

    /// <summary>
    /// Returns the event to send, or null to send nothing; a returned event is recorded as the last one at once,
    /// as Go records it before pushing to Redis. <paramref name="oldestPointTs"/> is the timestamp of the oldest
    /// value of the judged window (for counters, the oldest rate). <paramref name="itemTs"/> becomes eventTime.
    /// </summary>
    public EventDecision? Decide(
        string eventId, bool triggered, double leftValue, int maxStep, long oldestPointTs, long itemTs, TimeSpan minInterval)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var exists = _last.TryGetValue(eventId, out var last);
        if (!triggered)
        {
            // Only a standing PROBLEM recovers; OK after OK (or after nothing) is silence.
            return exists && last!.Status == EventStatus.Problem
                ? Record(new EventDecision(eventId, EventStatus.Ok, 1, itemTs, leftValue))
                : null;
        }

        if (!exists || last!.Status == EventStatus.Ok)
        {
            // maxStep 0 is how users mute a strategy.
            return maxStep == 0 ? null : Record(new EventDecision(eventId, EventStatus.Problem, 1, itemTs, leftValue));
        }

        if (last.CurrentStep >= maxStep)
        {
            return null;
        }

        // A point that already produced an alarm must not be judged again, or a long window would alarm every
        // step: a repeat needs a window made entirely of points newer than the last event.
        if (oldestPointTs <= last.EventTime)
        {
            return null;
        }

        // Go compares whole seconds: now - eventTime < minInterval.
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (now - last.EventTime < (long)minInterval.TotalSeconds)
        {
            return null;
        }

        return Record(new EventDecision(eventId, EventStatus.Problem, last.CurrentStep + 1, itemTs, leftValue));
    }

    public bool TryGetLast(string eventId, out LastEvent? last) => _last.TryGetValue(eventId, out last);

    /// <summary>A copy of the last event per id, for persisting.</summary>
    public IReadOnlyDictionary<string, LastEvent> Snapshot() => new Dictionary<string, LastEvent>(_last, StringComparer.Ordinal);

    /// <summary>Puts back a persisted last event, replacing any held for that id.</summary>
    public void Restore(string eventId, LastEvent last)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(last);
        _last[eventId] = last;
    }

    public void Restore(IEnumerable<KeyValuePair<string, LastEvent>> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var (id, last) in events)
        {
            Restore(id, last);
        }
    }

    private EventDecision Record(EventDecision decision)
    {
        _last[decision.EventId] = new LastEvent(decision.Status, decision.CurrentStep, decision.EventTime);
        return decision;
    }
}
