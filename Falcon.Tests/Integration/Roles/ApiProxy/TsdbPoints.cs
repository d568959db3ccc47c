using System.Globalization;
using System.Text;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.ApiProxy;

/// <summary>Writes falcon series straight into a VictoriaMetrics (its JSON-lines import) and waits until they can be queried.</summary>
internal static class TsdbPoints
{
    public static async Task ImportAsync(VictoriaMetricsServer tsdb, string metric, string endpoint, string counterType, IReadOnlyDictionary<string, string> tags, params (long Seconds, double Value)[] points)
    {
        using var http = new HttpClient { BaseAddress = tsdb.BaseAddress };
        var labels = new StringBuilder();
        labels.Append(CultureInfo.InvariantCulture, $"\"__name__\":\"{metric}\",\"endpoint\":\"{endpoint}\",\"counterType\":\"{counterType}\"");
        foreach (var (key, value) in tags)
        {
            labels.Append(CultureInfo.InvariantCulture, $",\"{key}\":\"{value}\"");
        }

        var line = "{\"metric\":{" + labels + "},\"values\":[" + string.Join(',', points.Select(p => p.Value.ToString("R", CultureInfo.InvariantCulture)))
            + "],\"timestamps\":[" + string.Join(',', points.Select(p => (p.Seconds * 1000).ToString(CultureInfo.InvariantCulture))) + "]}\n";
        using var response = await http.PostAsync(new Uri("/api/v1/import", UriKind.Relative), new StringContent(line));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until <paramref name="tsdb"/> answers <paramref name="selector"/> with at least <paramref name="series"/> series.</summary>
    public static async Task WaitVisibleAsync(VictoriaMetricsServer tsdb, string selector, int series, long at)
    {
        using var http = new HttpClient { BaseAddress = tsdb.BaseAddress };
        await Poll.UntilAsync(async () =>
        {
            var body = await http.GetStringAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString("count(last_over_time(" + selector + "[1h]))")}&time={at}", UriKind.Relative));
            return body.Contains($"\"{series}\"]", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), $"{series} series of {selector} visible in the TSDB");
    }
}
