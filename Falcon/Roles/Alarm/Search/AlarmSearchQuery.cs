namespace Falcon.Roles.Alarm.Search;

/// <summary>
/// The filters of one search, already checked. A pattern ending in `*` matches by prefix; a metric without `*` also
/// matches that metric with any tags (`cpu.idle` finds `cpu.idle/core=1`).
/// </summary>
internal sealed record AlarmSearchQuery
{
    public string? Endpoint { get; init; }

    public string? Metric { get; init; }

    /// <summary>PROBLEM or OK.</summary>
    public string? Status { get; init; }

    public IReadOnlyList<int> Priorities { get; init; } = [];

    /// <summary>Cases last updated at or after this (unix seconds).</summary>
    public long? From { get; init; }

    /// <summary>Cases begun at or before this (unix seconds).</summary>
    public long? To { get; init; }

    /// <summary>Substring of the id, endpoint, metric, note, func, cond or template creator (case-insensitive).</summary>
    public string? Text { get; init; }

    public int Limit { get; init; }

    public AlarmSearchCursor? After { get; init; }

    public bool IncludeEvents { get; init; }
}
