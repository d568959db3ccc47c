using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

// Vectors from Go's src/strconv/atof_test.go where one exists, else from the grammar of readFloat.
public sealed class GoStrconvTests
{
    [TestCase("12.5", 12.5)]
    [TestCase("1", 1d)]
    [TestCase("+1", 1d)]
    [TestCase("-1", -1d)]
    [TestCase("007", 7d)]
    [TestCase(".5", 0.5)]
    [TestCase("5.", 5d)]
    [TestCase("1.e2", 100d)]
    [TestCase("1e23", 1e23)]
    [TestCase("1E23", 1e23)]
    [TestCase("1e+23", 1e23)]
    [TestCase("100000000000000000000000", 1e23)]
    [TestCase("-2.5e-3", -0.0025)]
    [TestCase("1.7976931348623157e308", double.MaxValue)]
    [TestCase("1e-350", 0d)]
    [TestCase("1_23.50_0_0e+1_2", 1.235e14)]
    [TestCase("1_000", 1000d)]
    [TestCase("0x1p-2", 0.25)]
    [TestCase("0X1P-2", 0.25)]
    [TestCase("-0x1.8p1", -3d)]
    [TestCase("0x.8p1", 1d)]
    [TestCase("0xABCp0", 2748d)]
    [TestCase("0x_1_2.3_4_5p+1_2", 74565d)]
    [TestCase("0x1.00000000000018p0", 1.0000000000000004)]
    [TestCase("0x1.00000000000008p0", 1d)]
    [TestCase("0x1.000000000000080000000000001p0", 1.0000000000000002)]
    [TestCase("0x1.fffffffffffffp1023", double.MaxValue)]
    [TestCase("0x1p-1074", double.Epsilon)]
    [TestCase("0x1.8p-1074", 1e-323)]
    [TestCase("0x1p-1075", 0d)]
    public void TryParseFloat_WhenGoAccepts_ReturnsNearestDouble(string text, double expected)
    {
        bool parsed = GoStrconv.TryParseFloat(text, out double value);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(value, Is.EqualTo(expected));
        });
    }

    [Test]
    public void TryParseFloat_WhenNegativeZero_KeepsSign()
    {
        Assert.That(GoStrconv.TryParseFloat("-0", out double value) && double.IsNegative(value), Is.True);
    }

    [TestCase("NaN", double.NaN)]
    [TestCase("nan", double.NaN)]
    [TestCase("inf", double.PositiveInfinity)]
    [TestCase("+Inf", double.PositiveInfinity)]
    [TestCase("-inf", double.NegativeInfinity)]
    [TestCase("Infinity", double.PositiveInfinity)]
    [TestCase("-INFINITY", double.NegativeInfinity)]
    public void TryParseFloat_WhenSpecialValue_AcceptsItAsGoDoes(string text, double expected)
    {
        bool parsed = GoStrconv.TryParseFloat(text, out double value);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(value, Is.EqualTo(expected));
        });
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("1x")]
    [TestCase("1,5")]
    [TestCase("12.5.1")]
    [TestCase(".")]
    [TestCase("+")]
    [TestCase("-")]
    [TestCase("e1")]
    [TestCase("1e")]
    [TestCase("1e+")]
    [TestCase("1e5.5")]
    [TestCase("0x")]
    [TestCase("0x1")]
    [TestCase("0x1p")]
    [TestCase("0xp1")]
    [TestCase("0x1.8")]
    [TestCase("0b101")]
    [TestCase("0o7")]
    [TestCase("\u0661\u0662")]
    [TestCase("\uFF11")]
    [TestCase("+nan")]
    [TestCase("-NaN")]
    [TestCase("nan1")]
    [TestCase("infin")]
    [TestCase("infinite")]
    [TestCase("∞")]
    [TestCase("_1")]
    [TestCase("1_")]
    [TestCase("1__2")]
    [TestCase("-_123.5e+12")]
    [TestCase("123_.5e+12")]
    [TestCase("123._5e+12")]
    [TestCase("123.5e_+12")]
    [TestCase("123.5e+_12")]
    [TestCase("123.5e+12_")]
    [TestCase("-_0x12.345p+12")]
    public void TryParseFloat_WhenSyntaxError_Fails(string text)
    {
        Assert.That(GoStrconv.TryParseFloat(text, out _), Is.False);
    }

    [TestCase("1e400")]
    [TestCase("-1e400")]
    [TestCase("1.7976931348623159e308")]
    [TestCase("0x1p1024")]
    [TestCase("0x1.fffffffffffff8p1023")]
    public void TryParseFloat_WhenOutOfRange_Fails(string text)
    {
        Assert.That(GoStrconv.TryParseFloat(text, out _), Is.False);
    }

    [Test]
    public void TryParseFloat_WhenLongDecimalWithUnderscores_Parses()
    {
        string text = "1_" + string.Join("_", Enumerable.Repeat("000", 60)) + "e-180";

        Assert.That(GoStrconv.TryParseFloat(text, out double value) ? value : double.NaN, Is.EqualTo(1d));
    }
}
