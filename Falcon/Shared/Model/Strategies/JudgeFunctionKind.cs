namespace Falcon.Shared.Model.Strategies;

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
