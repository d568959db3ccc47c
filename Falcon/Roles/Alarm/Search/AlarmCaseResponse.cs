namespace Falcon.Roles.Alarm.Search;

/// <summary>`GET /api/alarms/{id}`.</summary>
internal sealed class AlarmCaseResponse
{
    public AlarmCase? Data { get; init; }
}
