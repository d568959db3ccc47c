using System.Collections.Concurrent;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Roles.Judge.Events;
using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Judging;

/// <summary>
/// Judges points as open-falcon's judge does (docs/protocols.md, "judge"): keeps each series' history, evaluates every matching strategy
/// and expression on each accepted point, and turns decisions into events. A rule's last event is read back from Redis
/// the first time the rule is judged on a series, so a restarted judge continues where the last one stopped.
/// </summary>
internal sealed class JudgeEngine
{
    private readonly ConcurrentDictionary<SeriesId, JudgedSeries> _series = new();
    private readonly IJudgeRulesSource _rules;
    private readonly EventStateMachine _machine;
    private readonly LastEventStore _lastEvents;
    private readonly EventOutbox _outbox;
    private readonly JudgeOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JudgeMetrics _metrics;
    private readonly ILogger<JudgeEngine> _logger;

    public JudgeEngine(
        IJudgeRulesSource rules,
        EventStateMachine machine,
        LastEventStore lastEvents,
        EventOutbox outbox,
        IOptions<JudgeOptions> options,
        TimeProvider timeProvider,
        JudgeMetrics metrics,
        ILogger<JudgeEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rules = rules;
        _machine = machine;
        _lastEvents = lastEvents;
        _outbox = outbox;
        _options = options.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>How many series have a history.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>
    /// Judges <paramref name="items"/> in order. Callers must send all points of one series through one caller at a
    /// time (the lanes do), which keeps a series' points and events in order without a lock per rule.
    /// </summary>
    public async ValueTask JudgeAsync(IReadOnlyList<JudgeItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rules = _rules.Current;
        var now = _timeProvider.GetTimestamp();
        List<Pending>? deferred = null;
        int filtered = 0, stale = 0, judged = 0;
        foreach (var item in items)
        {
            if (!rules.UsesMetric(item.Metric))
            {
                filtered++;
                continue;
            }

            var series = _series.GetOrAdd(new SeriesId(item.Endpoint, item.Metric, item.Tags.Canonical), NewSeries, item);
            if (!series.History.TryAdd(item.Timestamp, item.Value))
            {
                stale++;
                continue;
            }

            // A mock keeps a quiet series quiet: only a real point says it reports again.
            series.Touch(now, real: !item.IsMock);
            judged++;
            var isGauge = item.JudgeType == CounterType.Gauge;
            foreach (var strategy in rules.Strategies.Match(item.Endpoint, item.Metric, item.Tags))
            {
                if (rules.FunctionOf(strategy) is { } function && function.TryEvaluate(series.History, isGauge, out var result, out var window))
                {
                    var pending = new Pending(series.ForStrategy(strategy.Id), result, strategy.MaxStep, window[^1].Timestamp, item, strategy, null);
                    deferred = await DecideOrDeferAsync(pending, deferred, cancellationToken);
                }
            }

            foreach (var expression in rules.Expressions.Match(item.Endpoint, item.Metric, item.Tags))
            {
                if (rules.FunctionOf(expression) is { } function && function.TryEvaluate(series.History, isGauge, out var result, out var window))
                {
                    var pending = new Pending(series.ForExpression(expression.Id), result, expression.MaxStep, window[^1].Timestamp, item, null, expression);
                    deferred = await DecideOrDeferAsync(pending, deferred, cancellationToken);
                }
            }
        }

        if (deferred is not null)
        {
            await WarmAsync(deferred, cancellationToken);
            foreach (var pending in deferred)
            {
                await DecideAsync(pending, cancellationToken);
            }
        }

        _metrics.Judged(judged, filtered, stale);
    }

    /// <summary>When the last real point of a series was accepted, in <see cref="TimeProvider.GetTimestamp"/> ticks; false when none has been since this judge started.</summary>
    public bool TryGetLastPoint(SeriesId id, out long ticks)
    {
        ticks = _series.TryGetValue(id, out var series) ? series.LastSeenTicks : 0;
        return ticks != 0;
    }

    /// <summary>Forgets series without a point for longer than <see cref="JudgeOptions.SeriesIdleTimeout"/> (Go purges after 7 days).</summary>
    public int PurgeIdle()
    {
        var now = _timeProvider.GetTimestamp();
        var removed = 0;
        foreach (var (id, series) in _series)
        {
            if (_timeProvider.GetElapsedTime(series.LastAcceptedTicks, now) > _options.SeriesIdleTimeout && _series.TryRemove(id, out _))
            {
                removed++;
            }
        }

        return removed;
    }

    private JudgedSeries NewSeries(SeriesId id, JudgeItem item) =>
        new(_options.Remain, SeriesKey.Md5Hex(item.Endpoint, item.Metric, item.Tags));

    // A rule whose last event has not been read back yet waits, with every later decision of this batch on the same
    // rule, until one pipelined read restores them all; the rest are decided at once.
    private async ValueTask<List<Pending>?> DecideOrDeferAsync(Pending pending, List<Pending>? deferred, CancellationToken cancellationToken)
    {
        if (!pending.Rule.Warmed || (deferred is not null && deferred.Exists(p => ReferenceEquals(p.Rule, pending.Rule))))
        {
            (deferred ??= []).Add(pending);
            return deferred;
        }

        await DecideAsync(pending, cancellationToken);
        return deferred;
    }

    private async ValueTask WarmAsync(List<Pending> deferred, CancellationToken cancellationToken)
    {
        var ids = deferred.Where(p => !p.Rule.Warmed).Select(p => p.Rule.EventId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await _lastEvents.WarmAsync(_machine, ids, cancellationToken);
            foreach (var pending in deferred)
            {
                pending.Rule.Warmed = true;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Judging goes on from memory; the rules stay cold and are read again with their next point. At worst an
            // alarm repeats, which beats holding every point while Redis is away.
            _metrics.WarmFailed(ids.Count);
            Log.LastEventsUnavailable(_logger, ids.Count, ex.Message);
        }
    }

    private async ValueTask DecideAsync(Pending pending, CancellationToken cancellationToken)
    {
        var decision = _machine.Decide(
            pending.Rule.EventId,
            pending.Result.Triggered,
            pending.Result.LeftValue,
            pending.MaxStep,
            pending.OldestTimestamp,
            pending.Item.Timestamp,
            _options.MinInterval);
        if (decision is null)
        {
            return;
        }

        var judgeEvent = new JudgeEvent
        {
            Id = decision.EventId,
            Strategy = pending.Strategy,
            Expression = pending.Expression,
            Status = decision.Status == EventStatus.Problem ? JudgeEventStatus.Problem : JudgeEventStatus.Ok,
            Endpoint = pending.Item.Endpoint,
            LeftValue = decision.LeftValue,
            CurrentStep = decision.CurrentStep,
            EventTime = decision.EventTime,
            PushedTags = pending.Item.Tags,
        };
        await _outbox.EnqueueAsync(judgeEvent, cancellationToken);
    }

    private sealed record Pending(
        RuleState Rule,
        JudgeResult Result,
        int MaxStep,
        long OldestTimestamp,
        JudgeItem Item,
        Strategy? Strategy,
        Expression? Expression);
}
