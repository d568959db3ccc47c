using System.Diagnostics.CodeAnalysis;
using System.Globalization;

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
    /// Parses as ParseFuncFromString does: name = text[..(indexOf('#') - 1)], arguments are the integers
    /// between '#' and the last character, split by ','. The brackets themselves are not checked, as in Go.
    /// Where Go would panic (no '#', too few arguments) or could never fire (an argument below 1) this
    /// returns false, so the strategy is skipped like an unsupported function.
    /// </summary>
    public static bool TryParse(string? func, string? op, double rightValue, [NotNullWhen(true)] out JudgeFunction? function)
    {
        function = null;
        if (string.IsNullOrEmpty(func))
        {
            return false;
        }

        var hash = func.IndexOf('#', StringComparison.Ordinal);
        if (hash < 1 || hash + 1 > func.Length - 1)
        {
            return false;
        }

        var kind = ParseName(func[..(hash - 1)]);
        if (kind is null || !TryParseArguments(func[(hash + 1)..^1], out var args))
        {
            return false;
        }

        var twoArguments = kind is JudgeFunctionKind.Lookup or JudgeFunctionKind.KDiff or JudgeFunctionKind.KPDiff;
        if (args.Length < (twoArguments ? 2 : 1))
        {
            return false;
        }

        // Go ignores arguments past the ones a function reads; so does this.
        var num = twoArguments ? args[0] : 0;
        var limit = twoArguments ? args[1] : args[0];
        if (limit < 1 || (twoArguments && num < 1))
        {
            return false;
        }

        function = new JudgeFunction(kind.Value, num, limit, JudgeOperators.Parse(op), rightValue);
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

    private static JudgeFunctionKind? ParseName(string name) => name switch
    {
        "all" => JudgeFunctionKind.All,
        "max" => JudgeFunctionKind.Max,
        "min" => JudgeFunctionKind.Min,
        "sum" => JudgeFunctionKind.Sum,
        "avg" => JudgeFunctionKind.Avg,
        "diff" => JudgeFunctionKind.Diff,
        "pdiff" => JudgeFunctionKind.PDiff,
        "lookup" => JudgeFunctionKind.Lookup,
        "stddev" => JudgeFunctionKind.Stddev,
        "kdiff" => JudgeFunctionKind.KDiff,
        "kpdiff" => JudgeFunctionKind.KPDiff,
        _ => null,
    };

    // strconv.Atoi: optional sign and decimal digits, no spaces.
    private static bool TryParseArguments(string text, out int[] args)
    {
        var parts = text.Split(',');
        args = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out args[i]))
            {
                return false;
            }
        }

        return true;
    }
}
