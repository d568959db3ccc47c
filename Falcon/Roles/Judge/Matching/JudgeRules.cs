namespace Falcon.Roles.Judge.Matching;

/// <summary>One synced copy of the strategies and expressions, swapped in whole, with the metric filter (Go's FilterMap) over both.</summary>
internal sealed class JudgeRules
{
    private readonly HashSet<string> _metrics;

    public JudgeRules(StrategyIndex strategies, ExpressionIndex expressions)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(expressions);
        Strategies = strategies;
        Expressions = expressions;
        _metrics = new HashSet<string>(strategies.Metrics, StringComparer.Ordinal);
        _metrics.UnionWith(expressions.Metrics);
    }

    public static JudgeRules Empty { get; } = new(StrategyIndex.Empty, ExpressionIndex.Empty);

    public StrategyIndex Strategies { get; }

    public ExpressionIndex Expressions { get; }

    /// <summary>Whether any strategy or expression uses <paramref name="metric"/>; a point on any other metric is dropped unjudged.</summary>
    public bool UsesMetric(string metric) => _metrics.Contains(metric);
}
