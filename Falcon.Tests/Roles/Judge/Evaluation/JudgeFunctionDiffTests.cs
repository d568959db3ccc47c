using Falcon.Roles.Judge.Evaluation;

namespace Falcon.Tests.Roles.Judge.Evaluation;

public sealed class JudgeFunctionDiffTests
{
    [Test]
    public void Diff_NeedsNPlusOneValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Judging.Gauge("diff(#2)", ">", 4, 10, 5), Is.Null);
            Assert.That(Judging.Gauge("diff(#2)", ">", 4, 10, 5, 1), Is.Not.Null);
        });
    }

    [Test]
    public void Diff_StopsAtTheFirstHit()
    {
        // 10-5 = 5 hits before 10-1 = 9 is looked at.
        Assert.That(Judging.Gauge("diff(#2)", ">", 4, 10, 5, 1), Is.EqualTo(new JudgeResult(true, 5)));
    }

    [Test]
    public void Diff_WithoutAHit_EndsWithTheOldestComparison()
    {
        Assert.That(Judging.Gauge("diff(#2)", ">", 5, 10, 9, 8, 1), Is.EqualTo(new JudgeResult(false, 2)));
    }

    [Test]
    public void Diff_OnACounter_NeedsNPlusTwoPoints()
    {
        Assert.That(JudgeFunction.TryParse("diff(#2)", ">", 0, out var function), Is.True);
        var history = new SeriesHistory();
        for (var i = 1; i <= 3; i++)
        {
            history.TryAdd(60 * i, 60 * i * i);
        }

        Assert.That(function!.TryEvaluate(history, isGauge: false, out _, out _), Is.False);
        history.TryAdd(240, 60 * 16);
        Assert.That(function.TryEvaluate(history, isGauge: false, out var result, out _), Is.True);
        // rates newest first: 7, 5, 3; 7-5 = 2 hits.
        Assert.That(result, Is.EqualTo(new JudgeResult(true, 2)));
    }

    [Test]
    public void PDiff_IsThePercentChange_SkippingZeroBases()
    {
        Assert.That(Judging.Gauge("pdiff(#2)", ">", 50, 30, 0, 10), Is.EqualTo(new JudgeResult(true, 200)));
    }

    [Test]
    public void PDiff_WithOnlyZeroBases_DoesNotTriggerAndLeavesZero()
    {
        Assert.That(Judging.Gauge("pdiff(#2)", ">", -1000, 5, 0, 0), Is.EqualTo(new JudgeResult(false, 0)));
    }

    [Test]
    public void PDiff_NeedsNPlusOneValues()
    {
        Assert.That(Judging.Gauge("pdiff(#2)", ">", 50, 30, 10), Is.Null);
    }

    [Test]
    public void KDiff_NeedsNPlusKValues()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Judging.Gauge("kdiff(#2,3)", ">", 5, 10, 10, 10, 1), Is.Null);
            Assert.That(Judging.Gauge("kdiff(#2,3)", ">", 5, 10, 10, 10, 1, 1), Is.Not.Null);
        });
    }

    [Test]
    public void KDiff_WhenEveryNewValueExceedsEveryOldOne_Triggers()
    {
        Assert.That(Judging.Gauge("kdiff(#2,3)", ">", 5, 10, 10, 10, 1, 1), Is.EqualTo(new JudgeResult(true, 9)));
    }

    [Test]
    public void KDiff_WhenOneComparisonFails_DoesNotTriggerAndKeepsThatValue()
    {
        Assert.That(Judging.Gauge("kdiff(#2,3)", ">", 5, 10, 10, 3, 1, 1), Is.EqualTo(new JudgeResult(false, 2)));
    }

    [Test]
    public void KDiff_WhenANewValueAtIndexBelowKIsZero_BreaksWithFalse()
    {
        Assert.Multiple(() =>
        {
            // i = 0 passes (9, -1, 9 are all >= -100), then vs[1] == 0 stops it.
            Assert.That(Judging.Gauge("kdiff(#2,3)", ">=", -100, 10, 0, 10, 1, 1), Is.EqualTo(new JudgeResult(false, 9)));
            Assert.That(Judging.Gauge("kdiff(#2,3)", ">=", -100, 10, 5, 10, 1, 1)?.Triggered, Is.True);
            Assert.That(Judging.Gauge("kdiff(#2,3)", ">=", -100, 0, 5, 10, 1, 1), Is.EqualTo(new JudgeResult(false, 0)));
        });
    }

    [Test]
    public void KPDiff_IsThePercentOfTheNewValue()
    {
        // (20-10)/20*100 = 50 for every pair.
        Assert.Multiple(() =>
        {
            Assert.That(Judging.Gauge("kpdiff(#2,3)", ">", 40, 20, 20, 20, 10, 10), Is.EqualTo(new JudgeResult(true, 50)));
            Assert.That(Judging.Gauge("kpdiff(#2,3)", ">", 60, 20, 20, 20, 10, 10), Is.EqualTo(new JudgeResult(false, 50)));
        });
    }

    [Test]
    public void KPDiff_NeedsNPlusKValues_AndBreaksOnAZeroNewValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Judging.Gauge("kpdiff(#1,2)", ">", 40, 20, 20), Is.Null);
            Assert.That(Judging.Gauge("kpdiff(#1,2)", ">", -1000, 0, 20, 10), Is.EqualTo(new JudgeResult(false, 0)));
        });
    }
}
