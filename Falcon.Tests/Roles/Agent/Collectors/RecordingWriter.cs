using Falcon.Roles.Agent.Collectors;

namespace Falcon.Tests.Roles.Agent.Collectors;

internal sealed record RecordedPoint(string Metric, double Value, string Tags, bool IsCounter);

/// <summary>Keeps what a collector writes so a test can look points up by metric and tags.</summary>
internal sealed class RecordingWriter : IMetricWriter
{
    public List<RecordedPoint> Points { get; } = [];

    public void Gauge(string metric, double value, string tags = "") => Points.Add(new RecordedPoint(metric, value, tags, false));

    public void Counter(string metric, double value, string tags = "") => Points.Add(new RecordedPoint(metric, value, tags, true));

    public RecordedPoint Point(string metric, string tags = "")
    {
        var matches = Points.Where(p => p.Metric == metric && p.Tags == tags).ToList();
        Assert.That(matches, NUnit.Framework.Has.Count.EqualTo(1), $"points for {metric} {{{tags}}}; written: {string.Join(", ", Points.Select(p => p.Metric + "{" + p.Tags + "}").Distinct().Take(60))}");
        return matches[0];
    }

    public double Value(string metric, string tags = "") => Point(metric, tags).Value;

    public bool Has(string metric) => Points.Exists(p => p.Metric == metric);

    public IEnumerable<string> TagsOf(string metric) => Points.Where(p => p.Metric == metric).Select(p => p.Tags);

    public static async Task<RecordingWriter> CollectAsync(ICollector collector)
    {
        var writer = new RecordingWriter();
        await collector.CollectAsync(writer, CancellationToken.None);
        return writer;
    }
}
