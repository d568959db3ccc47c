using Falcon.Roles.Aggregator.Methods;

namespace Falcon.Tests.Roles.Aggregator.Methods;

public sealed class AggregateMethodsTests
{
    // 1..10 shuffled, plus a hand-made list of 20 with repeats and negatives.
    private static readonly double[] OneToTen = [7, 3, 10, 1, 5, 9, 2, 8, 6, 4];
    private static readonly double[] Twenty = [-5, 0, 0, 1, 2, 2, 3, 4, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987];

    private static double? Compute(string method, IEnumerable<double> values)
    {
        Assert.That(AggregateMethods.TryParseList(method, out var methods, out var error), Is.True, error);
        return methods![0].Compute(AggregateParts.Of(values));
    }

    [TestCase("sum", 55)]
    [TestCase("avg", 5.5)]
    [TestCase("max", 10)]
    [TestCase("min", 1)]
    [TestCase("count", 10)]
    [TestCase("p50", 5)] // rank ceil(0.5 × 10) = 5
    [TestCase("p90", 9)] // rank ceil(0.9 × 10) = 9; the fork's int(10 × 0.95) = index 9 read 10
    [TestCase("p99", 10)] // rank ceil(0.99 × 10) = 10
    [TestCase("tp90", 9)]
    public void EachMethod_OnOneToTen_GivesTheHandComputedValue(string method, double expected) =>
        Assert.That(Compute(method, OneToTen), Is.EqualTo(expected));

    [TestCase("sum", 2583)]
    [TestCase("avg", 129.15)]
    [TestCase("p50", 8)] // rank 10 of 20
    [TestCase("p90", 377)] // rank 18 of 20
    [TestCase("p99", 987)] // rank ceil(19.8) = 20
    [TestCase("min", -5)]
    public void EachMethod_OnTwentyValues_GivesTheHandComputedValue(string method, double expected) =>
        Assert.That(Compute(method, Twenty), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void P90_OfAHundredValues_IsTheNinetiethNotTheNinetyFifth()
    {
        var values = Enumerable.Range(1, 100).Select(static i => (double)i);

        Assert.That(Compute("p90", values), Is.EqualTo(90));
    }

    [Test]
    public void Percentile_OfOneValue_IsThatValue() =>
        Assert.That(Compute("p99", [42]), Is.EqualTo(42));

    [TestCase("sum")]
    [TestCase("avg")]
    [TestCase("p50")]
    public void NoValues_GiveNothingToReport(string method) =>
        Assert.That(Compute(method, []), Is.Null);

    [Test]
    public void Count_OfNoValues_IsZero() =>
        Assert.That(Compute("count", []), Is.EqualTo(0));

    [Test]
    public void Combine_OfChunks_EqualsTheWholeList()
    {
        var whole = AggregateParts.Of(Twenty);
        var combined = AggregateParts.Of(Twenty[..7]).Combine(AggregateParts.Of(Twenty[7..15])).Combine(AggregateParts.Of(Twenty[15..]));

        Assert.That(combined.Count, Is.EqualTo(whole.Count));
        Assert.That(combined.Sum, Is.EqualTo(whole.Sum));
        Assert.That(combined.Max, Is.EqualTo(whole.Max));
        Assert.That(combined.Min, Is.EqualTo(whole.Min));
        Assert.That(combined.SortedValues, Is.EqualTo(whole.SortedValues));
    }

    [Test]
    public void TryParseList_Empty_MeansEveryMethod()
    {
        Assert.That(AggregateMethods.TryParseList("", out var methods, out _), Is.True);
        Assert.That(methods!.Select(static m => m.Name), Is.EqualTo(new[] { "sum", "avg", "max", "min", "count", "p50", "p90", "p99" }));
    }

    [Test]
    public void TryParseList_UnknownName_SaysWhichAndWhatIsKnown()
    {
        Assert.That(AggregateMethods.TryParseList("sum,p95", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("'p95'").And.Contain("p99"));
    }
}
