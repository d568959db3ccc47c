namespace Falcon.Roles.Console.Config.Rules;

/// <summary>The template JSON's order of strategies: by metric, tags, func, op, right value, and the rest (ordinal).</summary>
internal sealed class StrategyOrder : IComparer<StrategyDocument>
{
    public static StrategyOrder Instance { get; } = new();

    public int Compare(StrategyDocument? x, StrategyDocument? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = string.CompareOrdinal(x.Metric, y.Metric);
        c = c != 0 ? c : string.CompareOrdinal(x.Tags, y.Tags);
        c = c != 0 ? c : string.CompareOrdinal(x.Func, y.Func);
        c = c != 0 ? c : string.CompareOrdinal(x.Op, y.Op);
        c = c != 0 ? c : string.CompareOrdinal(x.RightValue, y.RightValue);
        c = c != 0 ? c : x.MaxStep.CompareTo(y.MaxStep);
        c = c != 0 ? c : x.Priority.CompareTo(y.Priority);
        c = c != 0 ? c : string.CompareOrdinal(x.RunBegin, y.RunBegin);
        c = c != 0 ? c : string.CompareOrdinal(x.RunEnd, y.RunEnd);
        return c != 0 ? c : string.CompareOrdinal(x.Note, y.Note);
    }
}
