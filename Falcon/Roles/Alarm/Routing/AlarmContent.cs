using System.Globalization;
using Falcon.Roles.Alarm.Records;
using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>The texts open-falcon's alarm sends (alarm/cron/builder.go), and the fork's phone text.</summary>
internal static class AlarmContent
{
    /// <summary>SMS and IM: <c>[P0][PROBLEM][host][][note all(#3) cpu.idle k=v 5&lt;10][O1 2006-01-02 15:04:05]</c>.</summary>
    public static string Sms(JudgeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var f = Fields.Of(e);
        return string.Create(CultureInfo.InvariantCulture,
            $"[P{e.Priority}][{e.Status}][{e.Endpoint}][][{f.Note} {f.Func} {f.Metric} {e.PushedTags.Canonical} {GoFormat.Readable(e.LeftValue)}{f.Operator}{GoFormat.Readable(f.Right)}][O{e.CurrentStep} {GoFormat.Time(e.EventTime)}]");
    }

    /// <summary>Mail body, lines joined by CRLF, ending with the link to the template or expression on the dashboard.</summary>
    public static string Mail(JudgeEvent e, string dashboard)
    {
        ArgumentNullException.ThrowIfNull(e);
        var f = Fields.Of(e);
        var link = e.Expression is not null
            ? $"{dashboard}/portal/expression/view/{e.Expression.Id.ToString(CultureInfo.InvariantCulture)}"
            : $"{dashboard}/portal/template/view/{(e.Strategy?.Tpl?.Id ?? 0).ToString(CultureInfo.InvariantCulture)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{e.Status}\r\nP{e.Priority}\r\nEndpoint:{e.Endpoint}\r\nMetric:{f.Metric}\r\nTags:{e.PushedTags.Canonical}\r\n{f.Func}: {GoFormat.Readable(e.LeftValue)}{f.Operator}{GoFormat.Readable(f.Right)}\r\nNote:{f.Note}\r\nMax:{f.MaxStep}, Current:{e.CurrentStep}\r\nTimestamp:{GoFormat.Time(e.EventTime)}\r\n{link}\r\n");
    }

    /// <summary>The fork's phone text: "单条策略报警" ("single-rule alarm") followed by endpoint and metric.</summary>
    public static string Phone(JudgeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return "单条策略报警" + e.Endpoint + Fields.Of(e).Metric;
    }

    /// <summary>The combiner's SMS/IM text for several alarms of one user and metric (open-falcon's form without a dashboard short link).</summary>
    public static string CombinedSms(int priority, string status, int count, string metric, string firstContent)
    {
        ArgumentNullException.ThrowIfNull(firstContent);
        // open-falcon: strings.Split(content, "][")[2], the endpoint of the first alarm.
        var parts = firstContent.Split("][");
        var example = parts.Length > 2 ? parts[2] : firstContent;
        return string.Create(CultureInfo.InvariantCulture, $"[P{priority}][{status}] {count} {metric}.  e.g. {example}. detail in email");
    }

    /// <summary>The combiner's mail subject for several alarms of one user and metric.</summary>
    public static string CombinedMailSubject(int priority, string status, int count, string metric) =>
        string.Create(CultureInfo.InvariantCulture, $"[P{priority}][{status}] {count} {metric}");

    /// <summary>The metric as open-falcon's Event.Metric() gives it: the strategy's, else the expression's.</summary>
    public static string Metric(JudgeEvent e) => Fields.Of(e).Metric;

    private readonly record struct Fields(string Metric, string Func, string Operator, double Right, string Note, int MaxStep)
    {
        public static Fields Of(JudgeEvent e) => e.Strategy is { } s
            ? new Fields(s.Metric, s.Func, s.Operator, s.RightValue, s.Note, s.MaxStep)
            : e.Expression is { } x
                ? new Fields(x.Metric, x.Func, x.Operator, x.RightValue, x.Note, x.MaxStep)
                : new Fields("", "", "", 0, "", 0);
    }
}
