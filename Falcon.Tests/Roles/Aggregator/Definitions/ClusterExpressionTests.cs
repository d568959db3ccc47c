using Falcon.Roles.Aggregator.Definitions;

namespace Falcon.Tests.Roles.Aggregator.Definitions;

public sealed class ClusterExpressionTests
{
    private static ClusterExpression Parse(string text)
    {
        Assert.That(ClusterExpression.TryParse(text, out var expression, out var error), Is.True, error);
        return expression!;
    }

    [TestCase("$(cpu.idle)", "PerHost")]
    [TestCase("$(cpu.busy)+$(cpu.idle)-$(cpu.nice)", "PerHost")]
    [TestCase("$(cpu.busy)>=80", "PerHost")]
    [TestCase("$(cpu.busy)>80.5", "PerHost")]
    [TestCase("($(cpu.busy)+$(cpu.idle)-$(cpu.nice))>80", "PerHost")]
    [TestCase("$#", "HostCount")]
    [TestCase("100", "Constant")]
    [TestCase(" $( cpu.idle )\t+\n$(cpu.nice) ", "PerHost")]
    [TestCase("$(net.if.in.bytes/iface=eth0)", "PerHost")]
    public void Valid_Forms_Parse(string text, string kind) =>
        Assert.That(Parse(text).Kind.ToString(), Is.EqualTo(kind));

    [TestCase("（$(a)+$(b)）>80")] // full-width parentheses
    [TestCase("$(a)*$(b)")] // only + and - in a sum
    [TestCase("$(a)/2")]
    [TestCase("1.5")] // a constant is digits only
    [TestCase("-1")]
    [TestCase("$(a)>=x")]
    [TestCase("$(a)+$(b)>80")] // a compared sum needs its parentheses
    [TestCase("($(a))")]
    [TestCase("")]
    [TestCase("cpu.idle")]
    [TestCase("$(a)==80")]
    [TestCase("$(a)>٣")] // a digit outside ASCII is not a digit to Go's regexp
    public void Invalid_Forms_AreRejectedWithAReason(string text)
    {
        Assert.That(ClusterExpression.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void Sum_AddsAndSubtractsInOrder()
    {
        var e = Parse("$(a)+$(b)-$(c)");
        var values = new Dictionary<string, double> { ["a"] = 10, ["b"] = 5, ["c"] = 3 };

        Assert.That(e.TryComputeHost(c => values[c.Metric], out var v), Is.True);
        Assert.That(v, Is.EqualTo(12));
        Assert.That(e.Operands.Select(static o => o.Text), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [TestCase(">=80", 80, 1)]
    [TestCase(">=80", 79.9, 0)]
    [TestCase(">80", 80, 0)]
    [TestCase(">80", 80.1, 1)]
    [TestCase("<80", 79, 1)]
    [TestCase("<=80", 80, 1)]
    [TestCase("<=80", 81, 0)]
    [TestCase("=80", 80, 1)]
    [TestCase("=80", 81, 0)]
    public void Comparison_GivesOneWhenTrueElseZero(string comparison, double value, double expected)
    {
        var e = Parse("$(a)" + comparison);

        Assert.That(e.TryComputeHost(_ => value, out var v), Is.True);
        Assert.That(v, Is.EqualTo(expected));
    }

    [Test]
    public void ComparedSum_ComparesTheSum()
    {
        var e = Parse("($(a)+$(b))>10");

        Assert.That(e.TryComputeHost(c => c.Metric == "a" ? 6 : 5, out var v), Is.True);
        Assert.That(v, Is.EqualTo(1));
    }

    [Test]
    public void MissingOperand_LeavesTheHostOut()
    {
        var e = Parse("$(a)+$(b)");

        Assert.That(e.TryComputeHost(c => c.Metric == "a" ? 1 : null, out _), Is.False);
    }

    [Test]
    public void TaggedOperand_KeepsItsTags()
    {
        var e = Parse("$(net.if.in.bytes/iface=eth0)");

        Assert.That(e.Operands[0].Metric, Is.EqualTo("net.if.in.bytes"));
        Assert.That(e.Operands[0].Tags.Canonical, Is.EqualTo("iface=eth0"));
    }
}
