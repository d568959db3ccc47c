namespace Falcon.Roles.Alarm.Search;

/// <summary>An error, as open-falcon's API writes them: `{"error":"..."}`.</summary>
internal sealed class AlarmSearchError
{
    public string Error { get; init; } = "";
}
