using System.Globalization;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>An unacknowledged PROBLEM case of alarms.event_cases whose action escalates.</summary>
internal sealed record OpenCase(
    string Id,
    string Endpoint,
    string Metric,
    string Func,
    string Cond,
    string Note,
    int MaxStep,
    int CurrentStep,
    int Priority,
    long Began,
    string TplCreator,
    long StrategyId,
    long TemplateId,
    long ExpressionId,
    long ActionId)
{
    /// <summary>
    /// The event as judge sent it, rebuilt from the case row so the escalation reads like the alarm: event_cases.metric
    /// is "metric/sorted tags", cond is "left op right"; the time is when the case began.
    /// </summary>
    public JudgeEvent ToEvent()
    {
        var slash = Metric.IndexOf('/', StringComparison.Ordinal);
        var hasTags = slash > 0 && Metric.IndexOf('=', slash) > slash;
        var metric = hasTags ? Metric[..slash] : Metric;
        var tags = hasTags ? TagSet.Parse(Metric[(slash + 1)..]) : TagSet.Empty;
        var parts = Cond.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        var left = parts.Length > 0 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var l) ? l : 0;
        var op = parts.Length > 1 ? parts[1] : "";
        var right = parts.Length > 2 && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : 0;
        return new JudgeEvent
        {
            Id = Id,
            Strategy = ExpressionId > 0 ? null : new Strategy
            {
                Id = StrategyId, Metric = metric, Tags = tags, Func = Func, Operator = op, RightValue = right, MaxStep = MaxStep,
                Priority = Priority, Note = Note, Tpl = new Template { Id = TemplateId, ActionId = ActionId, Creator = TplCreator },
            },
            Expression = ExpressionId > 0 ? new Expression
            {
                Id = ExpressionId, Metric = metric, Tags = tags, Func = Func, Operator = op, RightValue = right, MaxStep = MaxStep,
                Priority = Priority, Note = Note, ActionId = ActionId,
            } : null,
            Status = JudgeEventStatus.Problem,
            Endpoint = Endpoint,
            LeftValue = left,
            CurrentStep = CurrentStep,
            EventTime = Began,
            PushedTags = tags,
        };
    }
}
