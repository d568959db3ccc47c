using System.Globalization;
using System.Text;
using Falcon.Roles.Alarm.Search;

namespace Falcon.Cli.Alarm;

/// <summary>The table `falcon alarm search` prints: one line per case, newest first, times in UTC.</summary>
internal static class AlarmSearchView
{
    public static string Render(AlarmSearchPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Data.Count == 0)
        {
            return "no alarms match (only your teams' alarms are shown)\n";
        }

        string[] headers = ["UPDATED (UTC)", "STATUS", "P", "STEP", "ENDPOINT", "METRIC", "COND", "ID"];
        var rows = page.Data.Select(c => new[]
        {
            (c.UpdateAt ?? c.Timestamp).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            c.Status,
            c.Priority.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{c.CurrentStep}/{c.MaxStep}"),
            c.Endpoint,
            c.Metric,
            c.Cond,
            c.Id,
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths);
        foreach (var row in rows)
        {
            Line(text, row, widths);
            var alarm = page.Data[rows.IndexOf(row)];
            foreach (var e in alarm.Events ?? [])
            {
                text.Append(CultureInfo.InvariantCulture, $"    {e.Timestamp?.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {e.Status,-7} step {e.Step}  {e.Cond}\n");
            }
        }

        if (page.NextCursor is { } next)
        {
            text.Append(CultureInfo.InvariantCulture, $"more: run again with --cursor {next}\n");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        text.Append('\n');
    }
}
