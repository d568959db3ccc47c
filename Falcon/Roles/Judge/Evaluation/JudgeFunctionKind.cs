namespace Falcon.Roles.Judge.Evaluation;

internal enum JudgeFunctionKind
{
    All,
    Max,
    Min,
    Sum,
    Avg,
    Diff,
    PDiff,
    Lookup,
    Stddev,
    KDiff,
    KPDiff,
}
