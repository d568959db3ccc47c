using System.Globalization;
using System.Text;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;

namespace Falcon.Roles.Aggregator.Inputs;

/// <summary>
/// The PromQL text of one host value per host for a counter at the end of a window:
/// `sum by (endpoint) (rate(COUNTER/DERIVE series[L]) or last_over_time(GAUGE series[L]))`. Counters become rates
/// (the engine handles resets), gauges their last value within the look-back; a host with several matching series
/// (more tags than the counter names) contributes their sum.
/// </summary>
internal sealed class ValueQuery
{
    private const string HostsPlaceholder = "\u0000hosts\u0000";
    private readonly string _template;

    public ValueQuery(CounterSpec counter, int lookbackSeconds, string? targetMatchers = null)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var window = lookbackSeconds.ToString(CultureInfo.InvariantCulture) + "s";
        var common = new StringBuilder("__name__=").Append(PromQl.Quote(counter.Metric));
        foreach (var (key, value) in counter.Tags)
        {
            common.Append(',').Append(TagLabel(key, value)).Append('=').Append(PromQl.Quote(value.Length == 0 ? SeriesMapping.EmptyTagMarker : value));
        }

        if (!string.IsNullOrEmpty(targetMatchers))
        {
            common.Append(',').Append(targetMatchers);
        }

        common.Append(HostsPlaceholder);
        var counters = $"{{{common},{SeriesMapping.CounterTypeLabel}=~\"COUNTER|DERIVE\"}}";
        var gauges = $"{{{common},{SeriesMapping.CounterTypeLabel}=\"GAUGE\"}}";
        _template = $"sum by (endpoint) (rate({counters}[{window}]) or last_over_time({gauges}[{window}]))";
        SelectorForPresence = $"{{{common}}}";
    }

    /// <summary>Characters the query takes besides the host list (which appears twice).</summary>
    public int FixedLength => _template.Length - (2 * HostsPlaceholder.Length);

    /// <summary>The series of the counter on the target, any type (with the host placeholder removed).</summary>
    private string SelectorForPresence { get; }

    /// <summary>The per-host expression restricted to <paramref name="hosts"/> (null: no host restriction).</summary>
    public string ForHosts(IReadOnlyList<string>? hosts) => _template.Replace(HostsPlaceholder, HostMatcher(hosts), StringComparison.Ordinal);

    /// <summary>The number of distinct hosts that had the counter within <paramref name="presence"/> (targets given as matchers).</summary>
    public string TargetCount(TimeSpan presence) =>
        $"count(count by (endpoint) (last_over_time({SelectorForPresence.Replace(HostsPlaceholder, "", StringComparison.Ordinal)}[{(long)presence.TotalSeconds}s])))";

    /// <summary>The characters one host adds to the host matcher, counted once.</summary>
    public static int HostLength(string host)
    {
        var builder = new StringBuilder();
        PromQl.AppendEscaped(builder, PromQl.RegexLiteral(host));
        return builder.Length + 1;
    }

    /// <summary>Splits <paramref name="hosts"/> into chunks whose query stays within <paramref name="maxLength"/> characters.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Chunk(IReadOnlyList<string> hosts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(hosts);

        // Each chunk's host list appears twice (counters and gauges), plus `,endpoint=~""` each time and a wrapping aggregation.
        var budget = ((maxLength - FixedLength - 40) / 2) - 16;
        if (budget <= 0)
        {
            throw new InvalidOperationException($"aggregator.maxQueryLength ({maxLength}) leaves no room for hosts in a query of {FixedLength} characters");
        }

        var chunks = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        var used = 0;
        foreach (var host in hosts)
        {
            var length = HostLength(host);
            if (current.Count > 0 && used + length > budget)
            {
                chunks.Add(current);
                current = [];
                used = 0;
            }

            current.Add(host);
            used += length;
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    private static string HostMatcher(IReadOnlyList<string>? hosts)
    {
        if (hosts is null)
        {
            return "";
        }

        var builder = new StringBuilder(",endpoint=~\"");
        for (var i = 0; i < hosts.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('|');
            }

            PromQl.AppendEscaped(builder, PromQl.RegexLiteral(hosts[i]));
        }

        return builder.Append('"').ToString();
    }

    private static string TagLabel(string key, string value)
    {
        if (value.Length > 0)
        {
            return SeriesMapping.LabelName(key);
        }

        // The empty-value label name is the mapping's own business: ask it rather than rebuild its encoding.
        var labels = SeriesMapping.ToLabels("e", "m", TagSet.From([new(key, "")]), CounterType.Gauge);
        return labels.Single(static l => l.Key is not (SeriesMapping.MetricNameLabel or SeriesMapping.EndpointLabel or SeriesMapping.CounterTypeLabel)).Key;
    }
}
