using System.Globalization;
using Falcon.Shared.Silences;
using SilenceRecord = Falcon.Shared.Silences.Silence;

namespace Falcon.Cli.Silence;

/// <summary>Renders silences as the aligned table `falcon silence list` prints.</summary>
internal static class SilenceListView
{
    private static readonly string[] Headers = ["ID", "USER", "ENDPOINT", "COUNTER", "UNTIL (UTC)", "LEFT", "BY", "COMMENT"];

    public static string Render(IReadOnlyList<SilenceRecord> silences, DateTimeOffset now)
    {
        if (silences.Count == 0)
        {
            return "no silences in force" + Environment.NewLine;
        }

        var rows = silences
            .Select(s => new[]
            {
                s.Id,
                s.User,
                s.Endpoint,
                s.Counter,
                Time(s.Until),
                SilenceDuration.Format(RoundUp(s.Until - now)),
                s.CreatedBy,
                s.Comment,
            })
            .Prepend(Headers)
            .ToArray();
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var lines = rows.Select(r => string.Join("  ", r.Select((cell, i) => i == r.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    // "59m59s left" reads worse than "1h"; whole minutes are precise enough for a person.
    private static TimeSpan RoundUp(TimeSpan left) =>
        left <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromMinutes(Math.Ceiling(left.TotalMinutes));
}
