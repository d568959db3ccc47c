namespace Falcon.Roles.Alarm.Search;

/// <summary>`GET /api/alarms`: one page, newest first, and the cursor of the next page (null on the last).</summary>
internal sealed class AlarmSearchPage
{
    public IReadOnlyList<AlarmCase> Data { get; init; } = [];

    public string? NextCursor { get; init; }
}
