using Falcon.Shared.Model.Events;
using Falcon.Shared.Portal;

namespace Falcon.Roles.Alarm.Records;

/// <summary>The values open-falcon writes for one event into alarms.event_cases and alarms.events, cut to the column widths with characters
/// the utf8 columns cannot hold replaced (<see cref="ColumnText"/>), or kept where the tables are utf8mb4.</summary>
internal sealed record EventCaseRow(
    string Id,
    string Endpoint,
    string Metric,
    string Func,
    string Cond,
    string Note,
    int MaxStep,
    int CurrentStep,
    int Priority,
    string Status,
    DateTime Timestamp,
    string TplCreator,
    long ExpressionId,
    long StrategyId,
    long TemplateId)
{
    /// <summary>events.status: 0 for PROBLEM, 1 for OK.</summary>
    public int EventStatus => Status == JudgeEventStatus.Ok ? 1 : 0;

    public static EventCaseRow From(JudgeEvent e, bool fourByteColumns = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        var strategy = e.Strategy;
        var expression = e.Expression;
        var metric = strategy?.Metric ?? expression?.Metric ?? "";
        var op = strategy?.Operator ?? expression?.Operator ?? "";
        var right = strategy?.RightValue ?? expression?.RightValue ?? 0;
        // open-falcon: metric is "metric/sortedTags" when the event has tags.
        var fullMetric = e.PushedTags.Count > 0 ? metric + "/" + e.PushedTags.Canonical : metric;
        string Cut(string value, int width) => ColumnText.Fit(value, width, fourByteColumns);
        return new EventCaseRow(
            Cut(e.Id, 50),
            Cut(e.Endpoint, 100),
            Cut(fullMetric, 200),
            Cut(strategy?.Func ?? expression?.Func ?? "", 50),
            Cut($"{GoFormat.V(e.LeftValue)} {op} {GoFormat.V(right)}", 200),
            Cut(strategy?.Note ?? expression?.Note ?? "", 500),
            strategy?.MaxStep ?? expression?.MaxStep ?? 0,
            e.CurrentStep,
            e.Priority,
            e.Status,
            GoFormat.LocalTime(e.EventTime),
            Cut(strategy?.Tpl?.Creator ?? "", 64),
            expression?.Id ?? 0,
            strategy?.Id ?? 0,
            strategy?.Tpl?.Id ?? 0);
    }
}
