namespace Falcon.Shared.Model.Strategies;

internal static class JudgeOperators
{
    // Equality tolerance of checkIsTriggered: floats from rates and averages rarely compare exactly.
    public const double Tolerance = 0.0001;

    public static JudgeOperator Parse(string? text) => text switch
    {
        "==" or "=" => JudgeOperator.Equal,
        "!=" => JudgeOperator.NotEqual,
        "<" => JudgeOperator.Less,
        "<=" => JudgeOperator.LessOrEqual,
        ">" => JudgeOperator.Greater,
        ">=" => JudgeOperator.GreaterOrEqual,
        _ => JudgeOperator.Unknown,
    };

    public static bool Check(double left, JudgeOperator op, double right) => op switch
    {
        JudgeOperator.Equal => Math.Abs(left - right) < Tolerance,
        JudgeOperator.NotEqual => Math.Abs(left - right) > Tolerance,
        JudgeOperator.Less => left < right,
        JudgeOperator.LessOrEqual => left <= right,
        JudgeOperator.Greater => left > right,
        JudgeOperator.GreaterOrEqual => left >= right,
        _ => false,
    };
}
