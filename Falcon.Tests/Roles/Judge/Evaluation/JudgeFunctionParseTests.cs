using Falcon.Roles.Judge.Evaluation;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Roles.Judge.Evaluation;

public sealed class JudgeFunctionParseTests
{
    [TestCase("all(#3)", "All", 0, 3, 3)]
    [TestCase("max(#2)", "Max", 0, 2, 2)]
    [TestCase("min(#2)", "Min", 0, 2, 2)]
    [TestCase("sum(#4)", "Sum", 0, 4, 4)]
    [TestCase("avg(#4)", "Avg", 0, 4, 4)]
    [TestCase("diff(#3)", "Diff", 0, 3, 4)]
    [TestCase("pdiff(#3)", "PDiff", 0, 3, 4)]
    [TestCase("lookup(#2,3)", "Lookup", 2, 3, 3)]
    [TestCase("stddev(#10)", "Stddev", 0, 10, 10)]
    [TestCase("kdiff(#2,3)", "KDiff", 2, 3, 5)]
    [TestCase("kpdiff(#1,5)", "KPDiff", 1, 5, 6)]
    public void TryParse_AValidFunction_ReadsNameArgumentsAndPointsNeeded(
        string text, string kind, int num, int limit, int pointsNeeded)
    {
        Assert.That(JudgeFunction.TryParse(text, ">", 1, out var function), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(function!.Kind.ToString(), Is.EqualTo(kind));
            Assert.That(function.Num, Is.EqualTo(num));
            Assert.That(function.Limit, Is.EqualTo(limit));
            Assert.That(function.PointsNeeded, Is.EqualTo(pointsNeeded));
        });
    }

    [Test]
    public void TryParse_KeepsOperatorAndRightValue()
    {
        Assert.That(JudgeFunction.TryParse("all(#3)", "<=", 90.5, out var function), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(function!.Operator, Is.EqualTo(JudgeOperator.LessOrEqual));
            Assert.That(function.RightValue, Is.EqualTo(90.5));
        });
    }

    [Test]
    public void TryParse_WithExtraArguments_IgnoresThemAsGoDoes()
    {
        Assert.That(JudgeFunction.TryParse("all(#3,7)", ">", 1, out var function), Is.True);
        Assert.That(function!.Limit, Is.EqualTo(3));
    }

    [TestCase("count(#3)")]
    [TestCase("ALL(#3)")]
    [TestCase("nodata(#3)")]
    [TestCase("median(#3)")]
    public void TryParse_AnUnknownName_Fails(string text)
    {
        Assert.That(JudgeFunction.TryParse(text, ">", 1, out var function), Is.False);
        Assert.That(function, Is.Null);
    }

    [TestCase("")]
    [TestCase("all")]
    [TestCase("#3)")]
    [TestCase("all(#)")]
    [TestCase("all(#3")]
    [TestCase("all(#x)")]
    [TestCase("all(# 3)")]
    [TestCase("all(#1.5)")]
    [TestCase("all(#0)")]
    [TestCase("all(#-2)")]
    [TestCase("lookup(#2)")]
    [TestCase("kdiff(#0,3)")]
    public void TryParse_AMalformedFunction_Fails(string text)
    {
        Assert.That(JudgeFunction.TryParse(text, ">", 1, out _), Is.False);
    }

    [Test]
    public void TryParse_Null_Fails()
    {
        Assert.That(JudgeFunction.TryParse(null, ">", 1, out _), Is.False);
    }
}
