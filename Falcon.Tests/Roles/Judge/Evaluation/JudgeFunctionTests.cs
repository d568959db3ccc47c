using Falcon.Roles.Judge.Evaluation;

namespace Falcon.Tests.Roles.Judge.Evaluation;

public sealed class JudgeFunctionTests
{
    [Test]
    public void All_WhenEveryValueSatisfies_TriggersWithTheNewestValue()
    {
        Assert.That(Judging.Gauge("all(#3)", ">", 90, 95, 92, 91), Is.EqualTo(new JudgeResult(true, 95)));
    }

    [Test]
    public void All_WhenOneValueFails_DoesNotTrigger()
    {
        Assert.That(Judging.Gauge("all(#3)", ">", 90, 95, 80, 91), Is.EqualTo(new JudgeResult(false, 95)));
    }

    [Test]
    public void All_LooksAtOnlyTheNewestNValues()
    {
        Assert.That(Judging.Gauge("all(#3)", ">", 90, 95, 92, 91, 10)?.Triggered, Is.True);
    }

    [Test]
    public void All_WithFewerThanNValues_IsNotEnoughData()
    {
        Assert.That(Judging.Gauge("all(#3)", ">", 90, 95, 92), Is.Null);
    }

    [Test]
    public void Max_ComparesTheLargestValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Judging.Gauge("max(#3)", ">", 90, 10, 95, 20), Is.EqualTo(new JudgeResult(true, 95)));
            Assert.That(Judging.Gauge("max(#2)", ">", 90, 10, 20, 95), Is.EqualTo(new JudgeResult(false, 20)));
        });
    }

    [Test]
    public void Min_ComparesTheSmallestValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Judging.Gauge("min(#3)", "<", 10, 50, 5, 20), Is.EqualTo(new JudgeResult(true, 5)));
            Assert.That(Judging.Gauge("min(#2)", "<", 10, 50, 20, 5), Is.EqualTo(new JudgeResult(false, 20)));
        });
    }

    [Test]
    public void Sum_ComparesTheTotalOfNValues()
    {
        Assert.That(Judging.Gauge("sum(#3)", ">=", 6, 1, 2, 3, 100), Is.EqualTo(new JudgeResult(true, 6)));
    }

    [Test]
    public void Avg_ComparesTheMeanOfNValues()
    {
        Assert.That(Judging.Gauge("avg(#4)", "==", 2.5, 1, 2, 3, 4), Is.EqualTo(new JudgeResult(true, 2.5)));
    }

    [Test]
    public void Lookup_WhenAtLeastKOfNSatisfy_Triggers()
    {
        Assert.That(Judging.Gauge("lookup(#2,3)", ">", 90, 10, 95, 91), Is.EqualTo(new JudgeResult(true, 10)));
    }

    [Test]
    public void Lookup_WhenFewerThanKOfNSatisfy_DoesNotTrigger()
    {
        Assert.That(Judging.Gauge("lookup(#2,3)", ">", 90, 95, 10, 10, 99), Is.EqualTo(new JudgeResult(false, 95)));
    }

    [Test]
    public void Lookup_WithFewerThanNValues_IsNotEnoughData()
    {
        Assert.That(Judging.Gauge("lookup(#2,3)", ">", 90, 95, 95), Is.Null);
    }

    [TestCase(">")]
    [TestCase("<")]
    [TestCase("==")]
    [TestCase("nonsense")]
    public void Stddev_OutsideRSigmas_TriggersWhateverTheOperator(string op)
    {
        // mean 4, population sigma sqrt(12) ~ 3.46: 10 is beyond one sigma.
        Assert.That(Judging.Gauge("stddev(#4)", op, 1, 10, 2, 2, 2), Is.EqualTo(new JudgeResult(true, 10)));
    }

    [Test]
    public void Stddev_InsideRSigmas_DoesNotTrigger()
    {
        Assert.That(Judging.Gauge("stddev(#4)", ">", 2, 3, 2, 4, 3), Is.EqualTo(new JudgeResult(false, 3)));
    }

    [Test]
    public void Stddev_UsesThePopulationSigma()
    {
        // mean 2; population sigma sqrt(2) puts the bound at 3.84 (4 is outside), the sample sigma at 4.12 (inside).
        Assert.That(Judging.Gauge("stddev(#4)", ">", 1.3, 4, 2, 0, 2)?.Triggered, Is.True);
    }

    [Test]
    public void CounterWindow_IsJudgedAsRates_AndNeedsOneMorePoint()
    {
        Assert.That(JudgeFunction.TryParse("all(#2)", "<", 0, out var function), Is.True);
        var history = new SeriesHistory();
        history.TryAdd(60, 100);
        history.TryAdd(120, 40);
        Assert.That(function!.TryEvaluate(history, isGauge: false, out _, out _), Is.False);

        history.TryAdd(180, 10);
        Assert.That(function.TryEvaluate(history, isGauge: false, out var result, out var window), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(result.Triggered, Is.True);
            Assert.That(result.LeftValue, Is.EqualTo(-0.5));
            Assert.That(window.Select(p => p.Timestamp), Is.EqualTo(new long[] { 180, 120 }));
        });
    }

    [Test]
    public void GaugeWindow_FromHistory_NeedsExactlyNPoints()
    {
        Assert.That(JudgeFunction.TryParse("all(#2)", ">", 0, out var function), Is.True);
        var history = new SeriesHistory();
        history.TryAdd(60, 1);
        Assert.That(function!.TryEvaluate(history, isGauge: true, out _, out _), Is.False);

        history.TryAdd(120, 2);
        Assert.That(function.TryEvaluate(history, isGauge: true, out var result, out _), Is.True);
        Assert.That(result, Is.EqualTo(new JudgeResult(true, 2)));
    }
}
