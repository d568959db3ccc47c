using Falcon.Roles.Aggregator;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Roles.Aggregator.Inputs;
using Falcon.Shared.Model;

namespace Falcon.Tests.Roles.Aggregator.Inputs;

/// <summary>The PromQL text the aggregator sends: escaping, rates against last values, and chunks under the length limit.</summary>
public sealed class ValueQueryTests
{
    private static CounterSpec Counter(string text)
    {
        Assert.That(CounterSpec.TryParse(text, out var counter, out var error), Is.True, error);
        return counter!;
    }

    [TestCase("plain", "\"plain\"")]
    [TestCase("a\"b", "\"a\\\"b\"")]
    [TestCase(@"c:\dir", "\"c:\\\\dir\"")]
    [TestCase("line\nbreak\ttab\rcr", "\"line\\nbreak\\ttab\\rcr\"")]
    public void Quote_EscapesWhatWouldEndOrBreakTheString(string text, string expected) =>
        Assert.That(PromQl.Quote(text), Is.EqualTo(expected));

    [TestCase("web-01.example.com", @"web-01\.example\.com")]
    [TestCase("a+b*c?(d)|[e]{f}^$", @"a\+b\*c\?\(d\)\|\[e\]\{f\}\^\$")]
    [TestCase(@"back\slash", @"back\\slash")]
    public void RegexLiteral_MatchesTheHostNameOnly(string host, string expected) =>
        Assert.That(PromQl.RegexLiteral(host), Is.EqualTo(expected));

    [Test]
    public void HostMatcher_EscapesForTheRegexThenForTheString()
    {
        var query = new ValueQuery(Counter("net.bytes"), 60).ForHosts(["a.b", "q\"x", @"s\t"]);

        // `.` is a regex escape (one backslash, doubled inside the string); `"` only a string escape; `\` both.
        Assert.That(query, Does.Contain(@",endpoint=~""a\\.b|q\""x|s\\\\t"""));
    }

    [Test]
    public void TagValues_AreQuotedAndAnEmptyValueUsesTheMappingsMarker()
    {
        var counter = new CounterSpec("disk.used", TagSet.From([new("mount", "/data \"x\""), new("empty", "")]));
        var query = new ValueQuery(counter, 60).ForHosts(null);

        Assert.That(query, Does.Contain(",mount=\"/data \\\"x\\\"\","));
        Assert.That(query, Does.Match("__name__=\"disk\\.used\",[A-Za-z0-9_]+=\"true\",mount="), "an empty tag value becomes the mapping's own label");
        Assert.That(query, Does.Not.Contain("endpoint=~"), "no host list: no endpoint matcher");
    }

    [Test]
    public void CountersAreRates_AndGaugesTheLastValue_OverTheSameLookBack()
    {
        var query = new ValueQuery(Counter("net.bytes"), 120).ForHosts(["h1"]);

        Assert.That(query, Is.EqualTo(
            "sum by (endpoint) (rate({__name__=\"net.bytes\",endpoint=~\"h1\",counterType=~\"COUNTER|DERIVE\"}[120s])"
            + " or last_over_time({__name__=\"net.bytes\",endpoint=~\"h1\",counterType=\"GAUGE\"}[120s]))"));
    }

    [TestCase(30, 10, 30)] // the step when it is longer than two points of the series
    [TestCase(30, 60, 120)] // two points of a 60 s series, so a 60 s metric is in every 30 s window
    [TestCase(300, 60, 300)]
    public void LookBack_IsTheLongerOfTheStepAndTwiceTheSeriesStep(int step, int seriesStep, int expected)
    {
        var definition = new AggregateDefinition
        {
            Source = AggregateSource.Aggregate,
            Id = 1,
            Target = new Falcon.Roles.Aggregator.Targets.GroupNameTarget("g"),
            Step = step,
            SeriesStep = seriesStep,
            Endpoint = "e",
            Metric = "m",
            Tags = TagSet.Empty,
        };

        Assert.That(definition.LookbackSeconds, Is.EqualTo(expected));
    }

    [TestCase(512)]
    [TestCase(2_000)]
    [TestCase(8_000)]
    [TestCase(16_000)]
    public void Chunks_KeepEveryQueryUnderTheLimit_AndEveryHostOnceInOrder(int maxLength)
    {
        // Names of uneven lengths with characters that grow when escaped.
        var hosts = Enumerable.Range(0, 10_000).Select(static i => $"web-{i}.{new string('x', i % 37)}.idc(\"{i % 7}\")").ToArray();
        var query = new ValueQuery(Counter("net.bytes/iface=eth0"), 60);

        var chunks = query.Chunk(hosts, maxLength);

        Assert.That(chunks.SelectMany(static c => c), Is.EqualTo(hosts), "every host once, in order");
        Assert.That(chunks, Has.Count.GreaterThan(1));
        foreach (var chunk in chunks)
        {
            // The longest text sent for a chunk: the engine's fold wraps the per-host expression.
            var longest = $"count({query.ForHosts(chunk)})";
            Assert.That(longest.Length, Is.LessThanOrEqualTo(maxLength), $"chunk of {chunk.Count} hosts starting {chunk[0]}");
        }

        // Not wastefully small either: each chunk but the last would overflow with the next host added.
        for (var i = 0; i < chunks.Count - 1; i++)
        {
            var grown = query.ForHosts([.. chunks[i], chunks[i + 1][0]]);
            Assert.That(grown.Length, Is.GreaterThan(maxLength / 2), $"chunk {i} is less than half full");
        }
    }

    [Test]
    public void AHostLongerThanTheLimitAllows_GetsAChunkOfItsOwn_AndATooSmallLimitIsRefused()
    {
        var query = new ValueQuery(Counter("net.bytes"), 60);
        var chunks = query.Chunk(["a", new string('b', 5_000), "c"], 2_000);
        Assert.That(chunks.Select(static c => c.Count), Is.EqualTo(new[] { 1, 1, 1 }));

        Assert.That(() => query.Chunk(["a"], query.FixedLength), Throws.InvalidOperationException.With.Message.Contains("aggregator.maxQueryLength"));
    }
}
