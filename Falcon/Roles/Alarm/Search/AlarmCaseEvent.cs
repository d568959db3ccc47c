namespace Falcon.Roles.Alarm.Search;

/// <summary>One row of alarms.events: a state change of a case.</summary>
internal sealed class AlarmCaseEvent
{
    public long Id { get; init; }

    public int Step { get; init; }

    public string Cond { get; init; } = "";

    /// <summary>PROBLEM or OK (events.status 0 or 1).</summary>
    public string Status { get; init; } = "";

    public DateTimeOffset? Timestamp { get; init; }
}
