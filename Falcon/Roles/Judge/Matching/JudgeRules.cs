using Falcon.Roles.Judge.Evaluation;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Roles.Judge.Matching;

/// <summary>
/// One synced copy of the strategies and expressions, swapped in whole, with the metric filter (Go's FilterMap) over both
/// and every rule's function parsed once, here, rather than for every point.
/// </summary>
internal sealed class JudgeRules
{
    private readonly HashSet<string> _metrics;

    // Keyed by reference: a rule's record equality would hash every field per point.
    private readonly Dictionary<object, JudgeFunction?> _functions = new(ReferenceEqualityComparer.Instance);

    public JudgeRules(StrategyIndex strategies, ExpressionIndex expressions)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(expressions);
        Strategies = strategies;
        Expressions = expressions;
        _metrics = new HashSet<string>(strategies.Metrics, StringComparer.Ordinal);
        _metrics.UnionWith(expressions.Metrics);
        foreach (var strategy in strategies.All)
        {
            _functions.TryAdd(strategy, JudgeFunction.TryParse(strategy.Func, strategy.Operator, strategy.RightValue, out var function) ? function : null);
        }

        foreach (var expression in expressions.All)
        {
            _functions.TryAdd(expression, JudgeFunction.TryParse(expression.Func, expression.Operator, expression.RightValue, out var function) ? function : null);
        }
    }

    public static JudgeRules Empty { get; } = new(StrategyIndex.Empty, ExpressionIndex.Empty);

    public StrategyIndex Strategies { get; }

    public ExpressionIndex Expressions { get; }

    /// <summary>The metrics some strategy or expression uses.</summary>
    public IReadOnlyCollection<string> Metrics => _metrics;

    /// <summary>Whether any strategy or expression uses <paramref name="metric"/>; a point on any other metric is dropped unjudged.</summary>
    public bool UsesMetric(string metric) => _metrics.Contains(metric);

    /// <summary>The parsed function of a strategy of this copy, or null when its func is not supported (Go skips it).</summary>
    public JudgeFunction? FunctionOf(Strategy strategy) => _functions.GetValueOrDefault(strategy);

    /// <summary>The parsed function of an expression of this copy, or null when its func is not supported.</summary>
    public JudgeFunction? FunctionOf(Expression expression) => _functions.GetValueOrDefault(expression);
}
