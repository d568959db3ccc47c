using System.Text;
using Falcon.Shared.Model;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Shared.Model;

public sealed class MetricValueValidatorTests
{
    private const long Now = 1_700_000_000;

    [Test]
    public void Validate_WhenItemValid_ReturnsNormalizedSample()
    {
        var result = MetricValueValidator.Validate(
            Item(metric: "df.bytes.free", tags: "mount=/, fstype=ext4", value: MetricRawValue.FromString("12.5"), counterType: "COUNTER", timestamp: Now - 60),
            Now);

        Assert.That(result.IsValid, Is.True);
        var sample = result.Sample!;
        Assert.Multiple(() =>
        {
            Assert.That(sample.Endpoint, Is.EqualTo("h1"));
            Assert.That(sample.Metric, Is.EqualTo("df.bytes.free"));
            Assert.That(sample.Tags.Canonical, Is.EqualTo("fstype=ext4,mount=/"));
            Assert.That(sample.Tags["mount"], Is.EqualTo("/"));
            Assert.That(sample.Value, Is.EqualTo(12.5));
            Assert.That(sample.Step, Is.EqualTo(60));
            Assert.That(sample.CounterType, Is.EqualTo(CounterType.Counter));
            Assert.That(sample.Timestamp, Is.EqualTo(Now - 60));
            Assert.That(result.InvalidReason, Is.Null);
        });
    }

    [Test]
    public void Validate_WhenItemNull_IsInvalid()
    {
        AssertInvalid(null, MetricValueValidator.NullItem);
    }

    [Test]
    public void Validate_WhenItemHasDecodeError_IsInvalidWithThatReason()
    {
        var item = new MetricValue { Endpoint = "h1", Metric = "m", Value = MetricRawValue.FromNumber(1), Step = 60, CounterType = "GAUGE", DecodeError = "step is not an integer" };

        AssertInvalid(item, "step is not an integer");
    }

    [Test]
    public void Validate_WhenMetricIsKernelHostname_IsInvalid()
    {
        AssertInvalid(Item(metric: "kernel.hostname"), MetricValueValidator.KernelHostname);
    }

    [Test]
    public void Validate_WhenMetricEmpty_IsInvalid()
    {
        AssertInvalid(Item(metric: ""), MetricValueValidator.EmptyMetricOrEndpoint);
    }

    [Test]
    public void Validate_WhenEndpointEmpty_IsInvalid()
    {
        AssertInvalid(Item(endpoint: ""), MetricValueValidator.EmptyMetricOrEndpoint);
    }

    [TestCase("gauge")]
    [TestCase("Counter")]
    [TestCase("")]
    [TestCase("ABSOLUTE")]
    [TestCase("GAUGE ")]
    public void Validate_WhenCounterTypeNotExact_IsInvalid(string counterType)
    {
        AssertInvalid(Item(counterType: counterType), MetricValueValidator.BadCounterType);
    }

    [TestCase("GAUGE", nameof(CounterType.Gauge))]
    [TestCase("COUNTER", nameof(CounterType.Counter))]
    [TestCase("DERIVE", nameof(CounterType.Derive))]
    public void Validate_WhenCounterTypeExact_ParsesIt(string counterType, string expected)
    {
        Assert.That(Valid(Item(counterType: counterType)).CounterType, Is.EqualTo(Enum.Parse<CounterType>(expected)));
    }

    [Test]
    public void Validate_WhenValueEmptyString_IsInvalid()
    {
        AssertInvalid(Item(value: MetricRawValue.FromString("")), MetricValueValidator.EmptyValue);
    }

    [TestCase(0)]
    [TestCase(-60)]
    public void Validate_WhenStepNotPositive_IsInvalid(long step)
    {
        AssertInvalid(Item(step: step), MetricValueValidator.BadStep);
    }

    [Test]
    public void Validate_WhenStepOne_IsValid()
    {
        Assert.That(Valid(Item(step: 1)).Step, Is.EqualTo(1));
    }

    [Test]
    public void Validate_WhenMetricPlusTagsExactly510_IsValid()
    {
        var item = Item(metric: new string('m', 300), tags: "k=" + new string('v', 208));

        Assert.That(MetricValueValidator.Validate(item, Now).IsValid, Is.True);
    }

    [Test]
    public void Validate_WhenMetricPlusTagsLongerThan510_IsInvalid()
    {
        AssertInvalid(Item(metric: new string('m', 300), tags: "k=" + new string('v', 209)), MetricValueValidator.TooLong);
    }

    [Test]
    public void Validate_WhenMetricAlone511_IsInvalid()
    {
        AssertInvalid(Item(metric: new string('m', 511)), MetricValueValidator.TooLong);
    }

    [Test]
    public void Validate_LengthCountsUtf8BytesAsGoLenDoes()
    {
        // 'é' is two UTF-8 bytes: 255 of them are 510 bytes, 256 are 512 bytes in only 256 characters.
        Assert.Multiple(() =>
        {
            Assert.That(MetricValueValidator.Validate(Item(metric: new string('é', 255)), Now).IsValid, Is.True);
            Assert.That(MetricValueValidator.Validate(Item(metric: new string('é', 256)), Now).InvalidReason, Is.EqualTo(MetricValueValidator.TooLong));
        });
    }

    [Test]
    public void Validate_LengthCountsSpacesInTagsAsPushed()
    {
        string tags = "k=v" + new string(' ', 500);

        Assert.That(Encoding.UTF8.GetByteCount("m" + tags), Is.EqualTo(504));
        AssertInvalid(Item(metric: new string('m', 8), tags: tags), MetricValueValidator.TooLong);
    }

    [TestCase("12.5", 12.5)]
    [TestCase("-7", -7d)]
    [TestCase("+1e3", 1000d)]
    [TestCase(".5", 0.5)]
    [TestCase("0x1p-2", 0.25)]
    [TestCase("1_000", 1000d)]
    public void Validate_WhenValueNumericString_ConvertsToDouble(string text, double expected)
    {
        Assert.That(Valid(Item(value: MetricRawValue.FromString(text))).Value, Is.EqualTo(expected));
    }

    [TestCase(0d)]
    [TestCase(-3.25)]
    [TestCase(1e300)]
    public void Validate_WhenValueNumber_KeepsIt(double number)
    {
        Assert.That(Valid(Item(value: MetricRawValue.FromNumber(number))).Value, Is.EqualTo(number));
    }

    [TestCase("abc")]
    [TestCase(" 12")]
    [TestCase("12,5")]
    [TestCase("1e400")]
    [TestCase("0x1")]
    public void Validate_WhenValueNonNumericString_IsInvalid(string text)
    {
        AssertInvalid(Item(value: MetricRawValue.FromString(text)), MetricValueValidator.NotNumeric);
    }

    [TestCase(nameof(MetricValueKind.True))]
    [TestCase(nameof(MetricValueKind.False))]
    [TestCase(nameof(MetricValueKind.Null))]
    [TestCase(nameof(MetricValueKind.Missing))]
    [TestCase(nameof(MetricValueKind.Other))]
    public void Validate_WhenValueNotNumberOrString_IsInvalid(string kind)
    {
        var value = Enum.Parse<MetricValueKind>(kind) switch
        {
            MetricValueKind.True => MetricRawValue.FromBoolean(true),
            MetricValueKind.False => MetricRawValue.FromBoolean(false),
            MetricValueKind.Null => MetricRawValue.Null,
            MetricValueKind.Other => MetricRawValue.Other,
            _ => MetricRawValue.Missing,
        };

        AssertInvalid(Item(value: value), MetricValueValidator.NotNumeric);
    }

    [TestCase("NaN")]
    [TestCase("inf")]
    [TestCase("-Infinity")]
    public void Validate_WhenValueStringIsNanOrInf_IsInvalid(string text)
    {
        AssertInvalid(Item(value: MetricRawValue.FromString(text)), MetricValueValidator.NotFinite);
    }

    [Test]
    public void Validate_WhenValueNumberIsNan_IsInvalid()
    {
        AssertInvalid(Item(value: MetricRawValue.FromNumber(double.NaN)), MetricValueValidator.NotFinite);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_WhenTimestampNotPositive_ReplacesItWithNow(long timestamp)
    {
        Assert.That(Valid(Item(timestamp: timestamp)).Timestamp, Is.EqualTo(Now));
    }

    [Test]
    public void Validate_WhenTimestampBeyondTwiceNow_ReplacesItWithNow()
    {
        Assert.That(Valid(Item(timestamp: (2 * Now) + 1)).Timestamp, Is.EqualTo(Now));
    }

    [Test]
    public void Validate_WhenTimestampExactlyTwiceNow_KeepsIt()
    {
        Assert.That(Valid(Item(timestamp: 2 * Now)).Timestamp, Is.EqualTo(2 * Now));
    }

    [Test]
    public void Validate_WhenTimestampInPastOrNearFuture_KeepsIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Valid(Item(timestamp: 1)).Timestamp, Is.EqualTo(1));
            Assert.That(Valid(Item(timestamp: Now + 3600)).Timestamp, Is.EqualTo(Now + 3600));
        });
    }

    [Test]
    public void Validate_WithTimeProvider_TakesNowFromIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));

        var result = MetricValueValidator.Validate(Item(timestamp: 0), time);

        Assert.That(result.Sample!.Timestamp, Is.EqualTo(Now));
    }

    [Test]
    public void Validate_ChecksInGoOrder()
    {
        Assert.Multiple(() =>
        {
            AssertInvalid(Item(metric: "kernel.hostname", endpoint: ""), MetricValueValidator.KernelHostname);
            AssertInvalid(Item(endpoint: "", counterType: "x"), MetricValueValidator.EmptyMetricOrEndpoint);
            AssertInvalid(Item(counterType: "x", value: MetricRawValue.FromString("")), MetricValueValidator.BadCounterType);
            AssertInvalid(Item(value: MetricRawValue.FromString(""), step: 0), MetricValueValidator.EmptyValue);
            AssertInvalid(Item(step: 0, metric: new string('m', 600)), MetricValueValidator.BadStep);
            AssertInvalid(Item(metric: new string('m', 600), value: MetricRawValue.Null), MetricValueValidator.TooLong);
        });
    }

    private static MetricValue Item(
        string endpoint = "h1",
        string metric = "cpu.idle",
        MetricRawValue? value = null,
        long step = 60,
        string counterType = "GAUGE",
        string tags = "",
        long timestamp = Now) => new()
        {
            Endpoint = endpoint,
            Metric = metric,
            Value = value ?? MetricRawValue.FromNumber(1),
            Step = step,
            CounterType = counterType,
            Tags = tags,
            Timestamp = timestamp,
        };

    private static MetricSample Valid(MetricValue item)
    {
        var result = MetricValueValidator.Validate(item, Now);
        Assert.That(result.InvalidReason, Is.Null);
        return result.Sample!;
    }

    private static void AssertInvalid(MetricValue? item, string reason)
    {
        var result = MetricValueValidator.Validate(item, Now);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.InvalidReason, Is.EqualTo(reason));
            Assert.That(result.Sample, Is.Null);
        });
    }
}
