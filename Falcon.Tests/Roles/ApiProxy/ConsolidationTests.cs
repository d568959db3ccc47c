using Falcon.Roles.ApiProxy.Graph;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;

namespace Falcon.Tests.Roles.ApiProxy;

public sealed class ConsolidationTests
{
    [Test]
    public void Consolidate_AveragesMaxesAndMinsThePointsOfEachStep_AndLeavesEmptyStepsNull()
    {
        PromSample[] points = [new(10, 1), new(50, 3), new(70, 8), new(190, 4)];

        var average = Consolidation.Consolidate(points, CounterType.Gauge, "AVERAGE", 0, 180, 60);
        var max = Consolidation.Consolidate(points, CounterType.Gauge, "MAX", 0, 180, 60);
        var min = Consolidation.Consolidate(points, CounterType.Gauge, "MIN", 0, 180, 60);

        Assert.That(average.Select(v => v.Timestamp), Is.EqualTo(new long[] { 0, 60, 120, 180 }));
        Assert.That(average.Select(v => v.Value), Is.EqualTo(new[] { double.NaN, 2, 8, double.NaN }));
        Assert.That(max[1].Value, Is.EqualTo(3));
        Assert.That(min[1].Value, Is.EqualTo(1));
    }

    [Test]
    public void Consolidate_OfACounter_AnswersRates_WithNoValueWhereItWentDown()
    {
        PromSample[] points = [new(0, 100), new(60, 700), new(120, 100)];

        var values = Consolidation.Consolidate(points, CounterType.Counter, "AVERAGE", 60, 120, 60);

        Assert.That(values.Select(v => v.Value), Is.EqualTo(new[] { 10, double.NaN }));
    }

    [Test]
    public void Last_OfACounter_IsTheRateOfTheLastTwoPoints_NeverNegative_AndZeroWithOnePoint()
    {
        Assert.That(Consolidation.Last([new(0, 100), new(10, 150)], CounterType.Derive), Is.EqualTo((10L, 5.0)));
        Assert.That(Consolidation.Last([new(0, 100), new(10, 50)], CounterType.Counter), Is.EqualTo((10L, 0.0)));
        Assert.That(Consolidation.Last([new(10, 50)], CounterType.Counter), Is.EqualTo((0L, 0.0)));
        Assert.That(Consolidation.Last([new(10, 50)], CounterType.Gauge), Is.EqualTo((10L, 50.0)));
    }

    [Test]
    public void InferStep_IsTheMedianGapSnappedToACommonStep()
    {
        Assert.That(Consolidation.InferStep([new(0, 1), new(59, 1), new(121, 1), new(180, 1), new(600, 1)]), Is.EqualTo(60));
        Assert.That(Consolidation.InferStep([new(0, 1), new(11, 1)]), Is.EqualTo(10));
        Assert.That(Consolidation.InferStep([new(0, 1)]), Is.Null);
    }

    [Test]
    public void EndpointIds_ArePositive_Below2To53_AndTheSameForTheSameName()
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => EndpointIds.For($"host-{i}")).ToArray();

        Assert.That(ids, Has.All.GreaterThan(0L).And.All.LessThan(1L << 53));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Length));
        var name = string.Concat("web-", "01");
        Assert.That(EndpointIds.For(name), Is.EqualTo(ids.Length > 0 ? EndpointIds.For("web-01") : 0));
    }

    [Test]
    public void GraphCounter_Normalize_SortsTheTags()
    {
        Assert.That(GraphCounter.Normalize("disk.io/mount=/,device=sda"), Is.EqualTo("disk.io/device=sda,mount=/"));
        Assert.That(GraphCounter.Normalize("cpu.idle"), Is.EqualTo("cpu.idle"));
    }
}
