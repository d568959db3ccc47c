using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;

namespace Falcon.Tests.Shared.Tsdb;

public sealed class SeriesMappingTests
{
    private static readonly string[] CounterTypeNames = [CounterTypes.Gauge, CounterTypes.Counter, CounterTypes.Derive];

    public static IEnumerable<TestCaseData> ChecklistSeries() =>
        AgentChecklist.Series().Select(static s => new TestCaseData(s.Metric, s.Tags).SetArgDisplayNames(s.Metric, s.Tags));

    public static IEnumerable<TestCaseData> OddTagKeys() =>
        new[] { "a-b", "1x", "__x", "__name__", "endpoint", "counterType", "falcon_tag_41", "falcon_empty_41", "falcon_x", "", "ключ", "键", "a.b", "a b", "😀", "_", "A", "Endpoint" }
            .Select(static key => new TestCaseData(key).SetArgDisplayNames(key.Length == 0 ? "(empty)" : key));

    [TestCaseSource(nameof(ChecklistSeries))]
    public void ChecklistMetric_RoundTripsExactly_ForEveryCounterType(string metric, string tagString)
    {
        var tags = TagSet.Parse(tagString);
        foreach (var name in CounterTypeNames)
        {
            Assert.That(CounterTypes.TryParse(name, out var type), Is.True);
            var labels = SeriesMapping.ToLabels("host-01.example.com", metric, tags, type);

            var series = SeriesMapping.FromLabels(labels);

            Assert.Multiple(() =>
            {
                Assert.That(series.Metric, Is.EqualTo(metric));
                Assert.That(series.Endpoint, Is.EqualTo("host-01.example.com"));
                Assert.That(series.Tags, Is.EqualTo(tags));
                Assert.That(series.CounterType, Is.EqualTo(type));
                Assert.That(labels, Has.All.Matches<KeyValuePair<string, string>>(l => IsPrometheusLabelName(l.Key) && l.Value.Length > 0));
                Assert.That(labels.Select(l => l.Key), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            });
        }
    }

    [Test]
    public void ToLabels_NamesTheSeriesAfterTheMetricVerbatim_AndLabelsEndpointCounterTypeAndPlainTags()
    {
        var labels = SeriesMapping.ToLabels("h1", "df.bytes.used.percent", TagSet.Parse("mount=/,fstype=ext4"), CounterType.Gauge);

        Assert.That(labels, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("__name__", "df.bytes.used.percent"),
            new("counterType", "GAUGE"),
            new("endpoint", "h1"),
            new("fstype", "ext4"),
            new("mount", "/"),
        }));
    }

    [Test]
    public void ToLabels_SortsByOrdinalName_UppercaseTagBeforeName()
    {
        var labels = SeriesMapping.ToLabels("h1", "m", TagSet.Parse("Zone=a,b=c"), CounterType.Counter);

        Assert.That(labels.Select(l => l.Key), Is.EqualTo(new[] { "Zone", "__name__", "b", "counterType", "endpoint" }));
    }

    [TestCaseSource(nameof(OddTagKeys))]
    public void OddTagKey_IsEncodedToAValidLabelName_AndRoundTrips(string key)
    {
        var tags = TagSet.From([new(key, "v=1,x"), new("plain", "p")]);

        var labels = SeriesMapping.ToLabels("h1", "cpu.idle", tags, CounterType.Derive);
        var series = SeriesMapping.FromLabels(labels);

        Assert.Multiple(() =>
        {
            Assert.That(series.Tags, Is.EqualTo(tags));
            Assert.That(series.Metric, Is.EqualTo("cpu.idle"));
            Assert.That(series.Endpoint, Is.EqualTo("h1"));
            Assert.That(series.CounterType, Is.EqualTo(CounterType.Derive));
            Assert.That(labels, Has.All.Matches<KeyValuePair<string, string>>(l => IsPrometheusLabelName(l.Key)));
            Assert.That(labels.Count(l => l.Key is "__name__" or "endpoint" or "counterType"), Is.EqualTo(3));
        });
    }

    [Test]
    public void LabelName_EncodesAsPrefixPlusLowercaseUtf8Hex()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SeriesMapping.LabelName("a-b"), Is.EqualTo("falcon_tag_612d62"));
            Assert.That(SeriesMapping.LabelName("键"), Is.EqualTo("falcon_tag_e994ae"));
            Assert.That(SeriesMapping.LabelName("iface"), Is.EqualTo("iface"));
            Assert.That(SeriesMapping.LabelName("endpoint"), Is.EqualTo("falcon_tag_656e64706f696e74"));
        });
    }

    [Test]
    public void EmptyTagValue_IsKeptAsAMarkerLabel_AndRoundTrips()
    {
        var tags = TagSet.Parse("k=,a-b=,x=1");

        var labels = SeriesMapping.ToLabels("h1", "m", tags, CounterType.Gauge);

        Assert.Multiple(() =>
        {
            Assert.That(labels, Has.Member(new KeyValuePair<string, string>("falcon_empty_6b", "true")));
            Assert.That(labels, Has.All.Matches<KeyValuePair<string, string>>(l => l.Value.Length > 0));
            Assert.That(SeriesMapping.FromLabels(labels).Tags, Is.EqualTo(tags));
        });
    }

    [Test]
    public void FromLabels_AcceptsForeignPlainLabelsAsTags()
    {
        var series = SeriesMapping.FromLabels(new Dictionary<string, string>
        {
            ["__name__"] = "cpu.idle", ["endpoint"] = "h1", ["counterType"] = "GAUGE", ["job"] = "node",
        });

        Assert.That(series.Tags, Is.EqualTo(TagSet.Parse("job=node")));
    }

    [TestCase("falcon_tag_zz", "x")]
    [TestCase("falcon_tag_6", "x")]
    [TestCase("falcon_tag_ff", "x")]
    [TestCase("falcon_empty_6b", "yes")]
    [TestCase("__meta", "x")]
    [TestCase("falcon_other", "x")]
    public void TryFromLabels_RejectsLabelsTheMappingNeverWrites(string name, string value)
    {
        var labels = new Dictionary<string, string>
        {
            ["__name__"] = "m", ["endpoint"] = "h1", ["counterType"] = "GAUGE", [name] = value,
        };

        Assert.Multiple(() =>
        {
            Assert.That(SeriesMapping.TryFromLabels(labels, out _, out var error), Is.False);
            Assert.That(() => SeriesMapping.FromLabels(labels), Throws.TypeOf<FormatException>());
        });
    }

    [TestCase("", "h1", "GAUGE")]
    [TestCase("m", "", "GAUGE")]
    [TestCase("m", "h1", "gauge")]
    [TestCase("m", "h1", "")]
    public void TryFromLabels_RequiresNameEndpointAndAValidCounterType(string metric, string endpoint, string counterType)
    {
        var labels = new Dictionary<string, string> { ["__name__"] = metric, ["endpoint"] = endpoint, ["counterType"] = counterType };

        Assert.That(SeriesMapping.TryFromLabels(labels, out _, out var error), Is.False, error);
    }

    private static bool IsPrometheusLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
