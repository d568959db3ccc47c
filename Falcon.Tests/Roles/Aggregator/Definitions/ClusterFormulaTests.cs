using Falcon.Roles.Aggregator.Definitions;

namespace Falcon.Tests.Roles.Aggregator.Definitions;

public sealed class ClusterFormulaTests
{
    // h1 and h2 have both counters, h3 only cpu.idle, h4 nothing.
    private static readonly Dictionary<(string, string), double> Values = new()
    {
        [("h1", "cpu.idle")] = 90,
        [("h1", "cpu.busy")] = 10,
        [("h2", "cpu.idle")] = 60,
        [("h2", "cpu.busy")] = 40,
        [("h3", "cpu.idle")] = 30,
    };

    private static readonly string[] Hosts = ["h1", "h2", "h3", "h4"];

    private static ClusterOutcome Evaluate(string numerator, string denominator)
    {
        Assert.That(ClusterExpression.TryParse(numerator, out var n, out var e1), Is.True, e1);
        Assert.That(ClusterExpression.TryParse(denominator, out var d, out var e2), Is.True, e2);
        return new ClusterFormula(n!, d!).Evaluate(Hosts, static (h, c) => Values.TryGetValue((h, c.Metric), out var v) ? v : null);
    }

    [Test]
    public void AverageOverHosts_IsTheSumOverTheHostCount()
    {
        var outcome = Evaluate("$(cpu.idle)", "$#");

        Assert.That(outcome.Value, Is.EqualTo(60)); // (90 + 60 + 30) / 3
        Assert.That(outcome.ValidHosts, Is.EqualTo(3));
    }

    [Test]
    public void HostMissingAnOperandOfEitherSide_IsLeftOutOfBoth()
    {
        var outcome = Evaluate("$(cpu.idle)", "$(cpu.busy)");

        Assert.That(outcome.Value, Is.EqualTo(150.0 / 50)); // h3 has no cpu.busy, so its idle is not counted either
        Assert.That(outcome.ValidHosts, Is.EqualTo(2));
    }

    [Test]
    public void ComparisonOverHostCount_IsTheShareOfHostsPassing()
    {
        var outcome = Evaluate("$(cpu.idle)>=60", "$#");

        Assert.That(outcome.Value, Is.EqualTo(2.0 / 3));
    }

    [Test]
    public void ConstantDenominator_Divides()
    {
        var outcome = Evaluate("$(cpu.idle)", "10");

        Assert.That(outcome.Value, Is.EqualTo(18));
    }

    [Test]
    public void ZeroDenominator_PushesNothing()
    {
        var outcome = Evaluate("$(cpu.idle)", "0");

        Assert.That(outcome.Value, Is.Null);
        Assert.That(outcome.Why, Does.Contain("denominator"));
    }

    [Test]
    public void NoHostWithEveryOperand_PushesNothing()
    {
        var outcome = Evaluate("$(no.such)", "$#");

        Assert.That(outcome.Value, Is.Null);
        Assert.That(outcome.ValidHosts, Is.Zero);
    }

    [Test]
    public void CountOverConstant_IsTheHostCountScaled()
    {
        var outcome = Evaluate("$#", "$(cpu.busy)");

        Assert.That(outcome.Value, Is.EqualTo(2.0 / 50));
    }
}
