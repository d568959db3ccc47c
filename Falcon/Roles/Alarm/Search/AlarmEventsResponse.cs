namespace Falcon.Roles.Alarm.Search;

/// <summary>`GET /api/alarms/{id}/events`.</summary>
internal sealed class AlarmEventsResponse
{
    public IReadOnlyList<AlarmCaseEvent> Data { get; init; } = [];
}
