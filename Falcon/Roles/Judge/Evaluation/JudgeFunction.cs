using System.Diagnostics.CodeAnalysis;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Judge.Evaluation;

/// <summary>
/// A strategy's or expression's <c>func</c> with its operator and right value (judge/store/func.go).
/// <c>#n</c> is <see cref="Limit"/>; the first argument of <c>lookup(#k,n)</c>, <c>kdiff(#k,n)</c> and
/// <c>kpdiff(#k,n)</c> is <see cref="Num"/> (k), the second is <see cref="Limit"/> (n).
/// </summary>
internal sealed partial class JudgeFunction
{
    private JudgeFunction(JudgeFunctionKind kind, int num, int limit, JudgeOperator op, double rightValue)
    {
        Kind = kind;
        Num = num;
        Limit = limit;
        Operator = op;
        RightValue = rightValue;
    }

    public JudgeFunctionKind Kind { get; }

    /// <summary>k of lookup/kdiff/kpdiff; 0 for the other functions.</summary>
    public int Num { get; }

    public int Limit { get; }

    public JudgeOperator Operator { get; }

    public double RightValue { get; }

    /// <summary>How many judged values (gauge points or counter rates) the function reads.</summary>
    public int PointsNeeded => Kind switch
    {
        JudgeFunctionKind.Diff or JudgeFunctionKind.PDiff => Limit + 1,
        JudgeFunctionKind.KDiff or JudgeFunctionKind.KPDiff => Limit + Num,
        _ => Limit,
    };

    /// <summary>
    /// Parses <paramref name="func"/> with <see cref="FunctionText"/> (Go's ParseFuncFromString, refusing what
    /// Go would panic on or could never fire); false means the strategy is skipped like an unsupported function.
    /// </summary>
    public static bool TryParse(string? func, string? op, double rightValue, [NotNullWhen(true)] out JudgeFunction? function)
    {
        function = null;
        if (!FunctionText.TryParse(func, out var kind, out var num, out var limit))
        {
            return false;
        }

        function = new JudgeFunction(kind, num, limit, JudgeOperators.Parse(op), rightValue);
        return true;
    }

    /// <summary>Reads the window from <paramref name="history"/> and evaluates; false when there is not enough data.</summary>
    public bool TryEvaluate(SeriesHistory history, bool isGauge, out JudgeResult result, out HistoryPoint[] window)
    {
        ArgumentNullException.ThrowIfNull(history);
        result = default;
        return history.TryGetWindow(PointsNeeded, isGauge, out window) && TryEvaluate(window, out result);
    }

    /// <summary>Evaluates a newest-first window of judged values; false when it holds fewer than <see cref="PointsNeeded"/>.</summary>
    public bool TryEvaluate(ReadOnlySpan<HistoryPoint> window, out JudgeResult result)
    {
        result = default;
        if (window.Length < PointsNeeded)
        {
            return false;
        }

        result = Compute(window);
        return true;
    }
}
