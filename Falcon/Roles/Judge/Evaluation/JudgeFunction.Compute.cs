using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Judge.Evaluation;

internal sealed partial class JudgeFunction
{
    // The window holds at least PointsNeeded values, newest first.
    private JudgeResult Compute(ReadOnlySpan<HistoryPoint> vs) => Kind switch
    {
        JudgeFunctionKind.All => All(vs),
        JudgeFunctionKind.Max => Compare(Max(vs)),
        JudgeFunctionKind.Min => Compare(Min(vs)),
        JudgeFunctionKind.Sum => Compare(Sum(vs)),
        JudgeFunctionKind.Avg => Compare(Sum(vs) / Limit),
        JudgeFunctionKind.Diff => Diff(vs, percent: false),
        JudgeFunctionKind.PDiff => Diff(vs, percent: true),
        JudgeFunctionKind.Lookup => Lookup(vs),
        JudgeFunctionKind.Stddev => Stddev(vs),
        JudgeFunctionKind.KDiff => KDiff(vs, percent: false),
        JudgeFunctionKind.KPDiff => KDiff(vs, percent: true),
        _ => default,
    };

    private JudgeResult Compare(double left) => new(JudgeOperators.Check(left, Operator, RightValue), left);

    private JudgeResult All(ReadOnlySpan<HistoryPoint> vs)
    {
        for (var i = 0; i < Limit; i++)
        {
            if (!JudgeOperators.Check(vs[i].Value, Operator, RightValue))
            {
                return new JudgeResult(false, vs[0].Value);
            }
        }

        return new JudgeResult(true, vs[0].Value);
    }

    private double Max(ReadOnlySpan<HistoryPoint> vs)
    {
        var max = vs[0].Value;
        for (var i = 1; i < Limit; i++)
        {
            if (max < vs[i].Value)
            {
                max = vs[i].Value;
            }
        }

        return max;
    }

    private double Min(ReadOnlySpan<HistoryPoint> vs)
    {
        var min = vs[0].Value;
        for (var i = 1; i < Limit; i++)
        {
            if (min > vs[i].Value)
            {
                min = vs[i].Value;
            }
        }

        return min;
    }

    private double Sum(ReadOnlySpan<HistoryPoint> vs)
    {
        var sum = 0.0;
        for (var i = 0; i < Limit; i++)
        {
            sum += vs[i].Value;
        }

        return sum;
    }

    // diff/pdiff compare the newest value with each of the n before it and stop at the first hit, so the
    // event's leftValue is the hit, or the comparison with vs[n] when nothing hit. pdiff skips a zero base;
    // when every base is zero its leftValue stays 0, Go's zero value.
    private JudgeResult Diff(ReadOnlySpan<HistoryPoint> vs, bool percent)
    {
        var first = vs[0].Value;
        var left = 0.0;
        for (var i = 1; i < Limit + 1; i++)
        {
            var baseValue = vs[i].Value;
            if (percent)
            {
                if (baseValue == 0)
                {
                    continue;
                }

                left = (first - baseValue) / baseValue * 100.0;
            }
            else
            {
                left = first - baseValue;
            }

            if (JudgeOperators.Check(left, Operator, RightValue))
            {
                return new JudgeResult(true, left);
            }
        }

        return new JudgeResult(false, left);
    }

    private JudgeResult Lookup(ReadOnlySpan<HistoryPoint> vs)
    {
        var hits = 0;
        for (var i = 0; i < Limit; i++)
        {
            if (JudgeOperators.Check(vs[i].Value, Operator, RightValue) && ++hits == Num)
            {
                return new JudgeResult(true, vs[0].Value);
            }
        }

        return new JudgeResult(false, vs[0].Value);
    }

    // The right value is the number of standard deviations; the operator plays no part.
    private JudgeResult Stddev(ReadOnlySpan<HistoryPoint> vs)
    {
        var mean = Sum(vs) / Limit;
        var squares = 0.0;
        for (var i = 0; i < Limit; i++)
        {
            var d = vs[i].Value - mean;
            squares += d * d;
        }

        var sigma = Math.Sqrt(squares / Limit);
        var left = vs[0].Value;
        var outside = left > mean + (RightValue * sigma) || left < mean - (RightValue * sigma);
        return new JudgeResult(outside, left);
    }

    // Reading of the reference, taken literally: with k = Num and n = Limit over n+k values, the n newest
    // (j < n) are each compared with the k oldest (index n+k-1-i, i < k); i is the outer loop, j the inner.
    // Before the comparisons for a given i, vs[i] == 0 ends the evaluation as not triggered (for both kdiff
    // and kpdiff, the table says "same as kdiff"). Any failed comparison also ends it as not triggered.
    // leftValue is the last value computed (0 when vs[0] == 0 stopped it before any). kpdiff divides by
    // vs[j] as the table says; a zero vs[j] with j >= k gives an IEEE infinity or NaN, as Go's float division does.
    private JudgeResult KDiff(ReadOnlySpan<HistoryPoint> vs, bool percent)
    {
        var n = Limit;
        var k = Num;
        var left = 0.0;
        for (var i = 0; i < k; i++)
        {
            if (vs[i].Value == 0)
            {
                return new JudgeResult(false, left);
            }

            var old = vs[n + k - 1 - i].Value;
            for (var j = 0; j < n; j++)
            {
                left = percent ? (vs[j].Value - old) / vs[j].Value * 100.0 : vs[j].Value - old;
                if (!JudgeOperators.Check(left, Operator, RightValue))
                {
                    return new JudgeResult(false, left);
                }
            }
        }

        return new JudgeResult(true, left);
    }
}
