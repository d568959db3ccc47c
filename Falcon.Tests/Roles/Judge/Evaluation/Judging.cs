using Falcon.Roles.Judge.Evaluation;

namespace Falcon.Tests.Roles.Judge.Evaluation;

/// <summary>Evaluates a function over a gauge window written newest first, as the reference tables read.</summary>
internal static class Judging
{
    public static JudgeResult? Gauge(string func, string op, double rightValue, params double[] newestFirst)
    {
        Assert.That(JudgeFunction.TryParse(func, op, rightValue, out var function), Is.True, func);
        var window = newestFirst.Select((v, i) => new HistoryPoint(60L * (newestFirst.Length - i), v)).ToArray();
        return function!.TryEvaluate(window, out var result) ? result : null;
    }
}
