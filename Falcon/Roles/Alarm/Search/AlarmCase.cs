using System.Text.Json.Serialization;

namespace Falcon.Roles.Alarm.Search;

/// <summary>One alarm case (a row of alarms.event_cases) as the search API shows it; times are UTC.</summary>
internal sealed class AlarmCase
{
    public string Id { get; init; } = "";

    public string Endpoint { get; init; } = "";

    public string Metric { get; init; } = "";

    public string Func { get; init; } = "";

    public string Cond { get; init; } = "";

    public string Note { get; init; } = "";

    public int MaxStep { get; init; }

    public int CurrentStep { get; init; }

    public int Priority { get; init; }

    /// <summary>PROBLEM or OK.</summary>
    public string Status { get; init; } = "";

    /// <summary>When the case began (the first step's event).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The last event's time.</summary>
    public DateTimeOffset? UpdateAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string ProcessStatus { get; init; } = "";

    public string TplCreator { get; init; } = "";

    public long StrategyId { get; init; }

    public long TemplateId { get; init; }

    public long ExpressionId { get; init; }

    /// <summary>The action whose teams see the case, as falcon_portal says now (0 when its template or expression is gone).</summary>
    public long ActionId { get; init; }

    /// <summary>The case's events, newest first; present only when asked for.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AlarmCaseEvent>? Events { get; set; }
}
