using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

public sealed class CounterTypesTests
{
    // Test methods are public, so cases name the internal enum's members instead of passing them.
    [TestCase("GAUGE", nameof(CounterType.Gauge))]
    [TestCase("COUNTER", nameof(CounterType.Counter))]
    [TestCase("DERIVE", nameof(CounterType.Derive))]
    public void TryParse_WhenExactWireName_ReturnsType(string text, string expected)
    {
        bool parsed = CounterTypes.TryParse(text, out CounterType type);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(type, Is.EqualTo(Enum.Parse<CounterType>(expected)));
        });
    }

    [TestCase("gauge")]
    [TestCase("Gauge")]
    [TestCase("counter")]
    [TestCase(" GAUGE")]
    [TestCase("GAUGE ")]
    [TestCase("")]
    [TestCase(null)]
    [TestCase("ABSOLUTE")]
    public void TryParse_WhenNotExactWireName_Fails(string? text)
    {
        Assert.That(CounterTypes.TryParse(text, out _), Is.False);
    }

    [TestCase(nameof(CounterType.Gauge), "GAUGE")]
    [TestCase(nameof(CounterType.Counter), "COUNTER")]
    [TestCase(nameof(CounterType.Derive), "DERIVE")]
    public void ToWireString_ReturnsExactWireName(string type, string expected)
    {
        Assert.That(Enum.Parse<CounterType>(type).ToWireString(), Is.EqualTo(expected));
    }

    [Test]
    public void ToWireString_WhenUndefinedValue_Throws()
    {
        Assert.That(() => ((CounterType)42).ToWireString(), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
