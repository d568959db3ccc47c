namespace Falcon.Shared.Model.Strategies;

internal enum JudgeOperator
{
    /// <summary>An operator open-falcon does not know: it never triggers (checkIsTriggered falls through).</summary>
    Unknown,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
