using System.Globalization;

namespace Falcon.Cli.Bench;

/// <summary>Collects call latencies (microseconds) from many lanes and summarises them as percentiles.</summary>
internal sealed class LatencyRecorder
{
    private static readonly double[] Percentiles = [50.0, 90.0, 99.0, 99.9];

    private readonly List<long[]> _lanes = [];
    private readonly object _gate = new();

    /// <summary>A per-lane buffer; lanes record without locking and hand the buffer back with <see cref="Add"/>.</summary>
    public void Add(List<long> laneSamples)
    {
        lock (_gate)
        {
            _lanes.Add([.. laneSamples]);
        }
    }

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _lanes.Sum(l => (long)l.Length);
            }
        }
    }

    /// <summary>`p50=0.41ms p90=… p99=… p999=… max=…`, interpolated like the Python load generator.</summary>
    public string Summary()
    {
        long[] all;
        lock (_gate)
        {
            all = [.. _lanes.SelectMany(l => l)];
        }

        if (all.Length == 0)
        {
            return "no samples";
        }

        Array.Sort(all);
        return string.Join(' ', Percentiles.Select(p => $"p{Label(p)}={Milliseconds(Percentile(all, p))}"))
            + $" max={Milliseconds(all[^1])} mean={Milliseconds(all.Average())}";
    }

    public static double Percentile(long[] sorted, double p)
    {
        var k = (sorted.Length - 1) * p / 100.0;
        var lo = (int)k;
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (k - lo));
    }

    private static string Label(double p) => p.ToString("0.#", CultureInfo.InvariantCulture).Replace(".", string.Empty, StringComparison.Ordinal);

    private static string Milliseconds(double microseconds) =>
        (microseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) + "ms";
}
