using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Cli.Bench;

/// <summary>
/// The synthetic points of `falcon bench aggregator`, written with Prometheus remote write as transfer writes them.
/// Host number h of a group reports every 10 s: a counter growing by 10 × (h % 10 + 1) per point, so its rate is
/// h % 10 + 1 per second, or a gauge of h % 100; a step's sum is therefore known exactly.
/// </summary>
internal static class AggregatorBenchData
{
    private const int BatchSamples = 50_000;

    /// <summary>Writes every host's points from <paramref name="from"/> to <paramref name="to"/>; returns the samples written.</summary>
    /// <exception cref="IOException">The TSDB refused a batch.</exception>
    public static async Task<long> WriteAsync(HttpClient http, Uri tsdb, IReadOnlyList<BenchGroup> groups, long from, long to, int seriesStep, CancellationToken cancellationToken)
    {
        var options = Options.Create(new TsdbOptions { WriteUrl = new Uri(tsdb, "/api/v1/write").ToString(), QueryUrl = tsdb.ToString(), Timeout = TimeSpan.FromSeconds(60) });
        var writer = new RemoteWriteClient(http, options, NullLogger<RemoteWriteClient>.Instance);
        from -= from % seriesStep;
        long written = 0;
        var batch = new List<MetricSample>(BatchSamples);
        var pending = new List<Task<RemoteWriteOutcome>>();
        foreach (var group in groups)
        {
            var counter = group.Kind == "counter";
            for (var h = 0; h < group.Hosts.Length; h++)
            {
                for (var t = from; t <= to; t += seriesStep)
                {
                    batch.Add(new MetricSample
                    {
                        Endpoint = group.Hosts[h],
                        Metric = group.Metric,
                        Tags = TagSet.Empty,
                        Value = counter ? 10.0 * ((h % 10) + 1) * ((t - from) / seriesStep) : h % 100,
                        Step = seriesStep,
                        CounterType = counter ? CounterType.Counter : CounterType.Gauge,
                        Timestamp = t,
                    });
                }

                if (batch.Count >= BatchSamples)
                {
                    // Two requests in flight keep the TSDB busy while the next batch is built.
                    pending.Add(writer.WriteAsync(batch, cancellationToken));
                    written += batch.Count;
                    batch = new List<MetricSample>(BatchSamples);
                    if (pending.Count >= 2)
                    {
                        Ensure(await pending[0]);
                        pending.RemoveAt(0);
                    }
                }
            }
        }

        pending.Add(writer.WriteAsync(batch, cancellationToken));
        written += batch.Count;
        foreach (var outcome in await Task.WhenAll(pending))
        {
            Ensure(outcome);
        }

        // Searchable at once (VictoriaMetrics otherwise buffers fresh points for a second or so).
        using var flush = await http.GetAsync(new Uri(tsdb, "/internal/force_flush"), cancellationToken);
        return written;
    }

    /// <summary>The sum of one step over the group: rates for a counter, last values for a gauge.</summary>
    public static double ExpectedSum(BenchGroup group)
    {
        double sum = 0;
        for (var h = 0; h < group.Hosts.Length; h++)
        {
            sum += group.Kind == "counter" ? (h % 10) + 1 : h % 100;
        }

        return sum;
    }

    private static void Ensure(RemoteWriteOutcome outcome)
    {
        if (!outcome.IsSuccess)
        {
            throw new IOException($"remote write failed: {outcome.Error}");
        }
    }
}
