using Falcon.Roles.Judge.Evaluation;
using Falcon.Shared.Model;

namespace Falcon.Roles.Judge.Judging;

/// <summary>
/// What the judge keeps per series: its recent points and the state of each rule judged on it. A series belongs to
/// one lane, so only that lane touches its rule states; the history has its own lock for readers elsewhere.
/// </summary>
internal sealed class JudgedSeries(int remain, string md5)
{
    private readonly Dictionary<long, RuleState> _strategies = [];
    private readonly Dictionary<long, RuleState> _expressions = [];
    private long _lastSeenTicks;
    private long _lastAcceptedTicks;

    public SeriesHistory History { get; } = new(remain);

    /// <summary>md5hex of the series PK, the tail of its event ids.</summary>
    public string Md5 { get; } = md5;

    /// <summary>When a real point (not a nodata mock) was last accepted, in <see cref="TimeProvider.GetTimestamp"/> ticks; 0 for none.</summary>
    public long LastSeenTicks => Volatile.Read(ref _lastSeenTicks);

    /// <summary>When any point, a nodata mock included, was last accepted (what idle purging goes by).</summary>
    public long LastAcceptedTicks => Volatile.Read(ref _lastAcceptedTicks);

    public void Touch(long ticks, bool real)
    {
        Volatile.Write(ref _lastAcceptedTicks, ticks);
        if (real)
        {
            Volatile.Write(ref _lastSeenTicks, ticks);
        }
    }

    public RuleState ForStrategy(long strategyId)
    {
        if (!_strategies.TryGetValue(strategyId, out var state))
        {
            _strategies[strategyId] = state = new RuleState(EventIds.ForStrategy(strategyId, Md5));
        }

        return state;
    }

    public RuleState ForExpression(long expressionId)
    {
        if (!_expressions.TryGetValue(expressionId, out var state))
        {
            _expressions[expressionId] = state = new RuleState(EventIds.ForExpression(expressionId, Md5));
        }

        return state;
    }
}
