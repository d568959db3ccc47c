using Falcon.Roles.Alarm.Records;

namespace Falcon.Tests.Roles.Alarm.Records;

public sealed class GoFormatTests
{
    [TestCase(90, "90")]
    [TestCase(0.5, "0.5")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(123456, "123456")]
    [TestCase(1e6, "1e+06")]
    [TestCase(1234567, "1.234567e+06")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(0, "0")]
    public void V_FormatsAFloatAsGosPercentV(double value, string expected) =>
        Assert.That(GoFormat.V(value), Is.EqualTo(expected));

    [TestCase(1.123456, "1.12346")]
    [TestCase(90, "90")]
    [TestCase(5.5, "5.5")]
    [TestCase(-0.000001, "-0")]
    [TestCase(1e6, "1000000")]
    public void Readable_FormatsAsOpenFalconsReadableFloat(double value, string expected) =>
        Assert.That(GoFormat.Readable(value), Is.EqualTo(expected));
}
