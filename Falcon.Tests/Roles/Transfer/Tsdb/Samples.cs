using Falcon.Shared.Model;

namespace Falcon.Tests.Roles.Transfer.Tsdb;

/// <summary>Accepted points for queue and sender tests.</summary>
internal static class Samples
{
    public static MetricSample[] Make(int count, int first = 0) =>
        Enumerable.Range(first, count).Select(i => new MetricSample
        {
            Endpoint = "h1",
            Metric = "cpu.idle",
            Tags = TagSet.Parse(""),
            Value = i,
            Step = 60,
            CounterType = CounterType.Gauge,
            Timestamp = 1_700_000_000 + i,
        }).ToArray();
}
