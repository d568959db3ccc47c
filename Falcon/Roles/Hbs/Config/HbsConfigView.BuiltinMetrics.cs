using System.Text;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Agents;

namespace Falcon.Roles.Hbs.Config;

internal sealed partial class HbsConfigView
{
    // The metrics the agent collects on the server's say (agent/cron/builtin.go). hbs selects them with SQL IN over a
    // utf8_unicode_ci column, which ignores case; the checksum must cover the same rows.
    private static readonly HashSet<string> BuiltinMetricNames =
        new(["net.port.listen", "proc.num", "du.bs", "url.check.health"], StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<long, BuiltinMetric[]> _builtinMetricsOfTemplate;

    /// <summary>
    /// `Agent.BuiltinMetrics`: the builtin-metric strategies of the templates bound to the host's groups and all their
    /// ancestors, unique by metric and tags, sorted by "metric/tags"; Checksum is md5hex of those strings joined,
    /// "" when there are none; Metrics is empty when the agent already has that checksum.
    /// </summary>
    /// <remarks>An empty hostname gets open-falcon's zero reply (timestamp 0, so the agent ignores it).</remarks>
    public BuiltinMetricResponse GetBuiltinMetrics(string hostname, string checksum, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        if (hostname.Length == 0)
        {
            return new BuiltinMetricResponse { Metrics = [], Checksum = "", Timestamp = 0 };
        }

        var set = BuiltinMetricSet.Empty;
        if (_hostIndexByName.TryGetValue(hostname, out var index) && _templateSetOfHost[index] is var templateSet and >= 0)
        {
            set = _builtinMetricsOfSet[templateSet] ??= BuiltinMetricsOf(_templateSets[templateSet]);
        }

        return new BuiltinMetricResponse
        {
            Metrics = string.Equals(checksum, set.Checksum, StringComparison.Ordinal) ? [] : set.Metrics,
            Checksum = set.Checksum,
            Timestamp = timestamp,
        };
    }

    private BuiltinMetricSet BuiltinMetricsOf(long[] boundTemplateIds)
    {
        // The bound templates count even when their chain is dropped (missing row, cycle, too deep), as in Go,
        // which adds ParentIds to the bound ids rather than replacing them.
        var templateIds = new HashSet<long>(boundTemplateIds);
        foreach (var templateId in boundTemplateIds)
        {
            templateIds.UnionWith(_chains[templateId]);
        }

        var unique = new Dictionary<string, BuiltinMetric>(StringComparer.Ordinal);
        foreach (var templateId in templateIds)
        {
            if (_builtinMetricsOfTemplate.TryGetValue(templateId, out var metrics))
            {
                foreach (var metric in metrics)
                {
                    unique.TryAdd(metric.Metric + "/" + metric.Tags, metric);
                }
            }
        }

        if (unique.Count == 0)
        {
            return BuiltinMetricSet.Empty;
        }

        // The agent compares checksums, so the order and the bytes hashed must be exactly Go's: sort by
        // "metric/tags" (bytewise), then md5 of the concatenation.
        var keys = unique.Keys.ToArray();
        Array.Sort(keys, TagSet.CompareKeys);
        var text = new StringBuilder();
        var sorted = new BuiltinMetric[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            text.Append(keys[i]);
            sorted[i] = unique[keys[i]];
        }

        return new BuiltinMetricSet(sorted, SeriesKey.Md5Hex(text.ToString()));
    }

    // Every strategy row counts here, whatever its run window, right value or template row: Go runs a separate
    // query on strategy.tpl_id for builtin metrics.
    private static Dictionary<long, BuiltinMetric[]> IndexBuiltinMetrics(IReadOnlyList<PortalStrategy> rows) =>
        rows.Where(static r => BuiltinMetricNames.Contains(r.Metric))
            .GroupBy(static r => r.TemplateId)
            .ToDictionary(static g => g.Key, static g => g.Select(static r => new BuiltinMetric(r.Metric, r.Tags)).ToArray());
}
