using System.Text.Json;
using Falcon.Shared.Wire;

namespace Falcon.Tests.Shared.Wire;

public sealed class GoJsonTests
{
    [TestCase(100.0, "100")]
    [TestCase(0.5, "0.5")]
    [TestCase(0.0, "0")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(99.5, "99.5")]
    [TestCase(123456789.0, "123456789")]
    [TestCase(0.000001, "0.000001")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1e20, "100000000000000000000")]
    [TestCase(9.999999999999999e20, "999999999999999900000")]
    [TestCase(12345678901234567890.0, "12345678901234567000")]
    [TestCase(0.30000000000000004, "0.30000000000000004")]
    [TestCase(1e21, "1e+21")]
    [TestCase(2.5e25, "2.5e+25")]
    [TestCase(1e100, "1e+100")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    [TestCase(1e-7, "1e-7")]
    [TestCase(1.23e-7, "1.23e-7")]
    [TestCase(9.99e-7, "9.99e-7")]
    [TestCase(1.5e-10, "1.5e-10")]
    [TestCase(1e-100, "1e-100")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(-1e-7, "-1e-7")]
    public void FormatDouble_WritesWhatGoEncodingJsonWrites(double value, string expected) =>
        Assert.That(GoJson.FormatDouble(value), Is.EqualTo(expected));

    [Test]
    public void FormatDouble_WhenNegativeZero_KeepsTheSign() =>
        Assert.That(GoJson.FormatDouble(-0.0), Is.EqualTo("-0"));

    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "+Inf")]
    [TestCase(double.NegativeInfinity, "-Inf")]
    public void FormatDouble_WhenNotFinite_ThrowsGoUnsupportedValue(double value, string name) =>
        Assert.That(() => GoJson.FormatDouble(value),
            Throws.ArgumentException.With.Message.StartsWith($"json: unsupported value: {name}"));

    [Test]
    public void Converter_InASourceGeneratedContext_WritesGoNumbers()
    {
        var metric = new TestMetricValue("h1", "m", 1e21, 60, "GAUGE", "", 1_700_000_000);

        var json = JsonSerializer.Serialize([metric, metric with { Value = 100 }, metric with { Value = 1e-7 }], WireTestJsonContext.Default.ListTestMetricValue);

        Assert.That(json, Does.Contain("\"value\":1e+21,").And.Contain("\"value\":100,").And.Contain("\"value\":1e-7,"));
    }

    [Test]
    public void Converter_ReadsAnyJsonNumber() =>
        Assert.That(JsonSerializer.Deserialize("1e+21", WireTestJsonContext.Default.Double), Is.EqualTo(1e21));
}
