using System.Globalization;
using System.Text.Json;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.Transfer;

/// <summary>Reads raw samples back from VictoriaMetrics' /api/v1/export: exact timestamps and values, no lookback.</summary>
internal static class TsdbExport
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Each series as `labels` (sorted `k=v` joined by `,`) and its samples as `unixSeconds=value`.</summary>
    public static async Task<Dictionary<string, List<string>>> ReadAsync(VictoriaMetricsServer tsdb, string selector)
    {
        var url = new Uri(tsdb.BaseAddress, $"/api/v1/export?match[]={Uri.EscapeDataString(selector)}");
        var text = await Http.GetStringAsync(url);
        var series = new Dictionary<string, List<string>>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var labels = string.Join(',', root.GetProperty("metric").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal));
            var values = root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble().ToString(CultureInfo.InvariantCulture)).ToArray();
            var times = root.GetProperty("timestamps").EnumerateArray().Select(t => (t.GetInt64() / 1000).ToString(CultureInfo.InvariantCulture)).ToArray();
            var samples = series.TryGetValue(labels, out var existing) ? existing : series[labels] = [];
            samples.AddRange(times.Zip(values, (t, v) => $"{t}={v}"));
        }

        return series;
    }

    /// <summary>Polls until <paramref name="selector"/> holds <paramref name="expected"/> samples in all.</summary>
    public static Task<Dictionary<string, List<string>>> WaitForAsync(VictoriaMetricsServer tsdb, string selector, int expected) =>
        Poll.ForAsync(() => ReadAsync(tsdb, selector), s => s.Values.Sum(v => v.Count) >= expected, TimeSpan.FromSeconds(30));
}
