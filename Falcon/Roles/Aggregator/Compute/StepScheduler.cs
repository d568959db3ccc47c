using System.Collections.Concurrent;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Roles.Aggregator.Output;
using Falcon.Roles.Aggregator.Scaling;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Aggregator.Compute;

/// <summary>
/// Every tick: for each definition this instance owns (rendezvous over the live instances), the closed steps of the
/// catch-up period that are not fenced in Redis are claimed, computed, pushed and marked done, oldest first. What is
/// done lives in Redis only, so a restarted or replacing instance picks up exactly where the last owner stopped; the
/// in-memory "next due" per definition only saves Redis round trips.
/// </summary>
internal sealed class StepScheduler : BackgroundService
{
    private readonly DefinitionStore _store;
    private readonly InstanceRegistry _registry;
    private readonly StepFence _fence;
    private readonly StepComputer _computer;
    private readonly TransferPusher _pusher;
    private readonly LastResults _last;
    private readonly AggregatorMetrics _metrics;
    private readonly AggregatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StepScheduler> _logger;
    private readonly ConcurrentDictionary<string, long> _nextDue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    public StepScheduler(
        DefinitionStore store, InstanceRegistry registry, StepFence fence, StepComputer computer, TransferPusher pusher, LastResults last,
        AggregatorMetrics metrics, IOptions<AggregatorOptions> options, TimeProvider time, ILogger<StepScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _registry = registry;
        _fence = fence;
        _computer = computer;
        _pusher = pusher;
        _last = last;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The definitions this instance owns now.</summary>
    public IReadOnlyList<AggregateDefinition> Owned()
    {
        var live = _registry.Live;
        return [.. _store.Current.Definitions.Where(d => Rendezvous.Owner(d.Key, live) == _registry.InstanceId)];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.PushingTo(_logger, _pusher.Destination);
        using var timer = new PeriodicTimer(_options.TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Tick(stoppingToken);
            }
        }
        finally
        {
            // Let steps in flight finish or observe the cancellation, so no claim is left for its TTL without need.
            await Task.WhenAll(_running.Values).WaitAsync(TimeSpan.FromSeconds(5), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Tick(CancellationToken stoppingToken)
    {
        var now = _time.GetUtcNow();
        var owned = Owned();
        var ownedKeys = owned.Select(static d => d.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _nextDue.Keys.Where(k => !ownedKeys.Contains(k)))
        {
            _nextDue.TryRemove(key, out _);
        }

        foreach (var definition in owned)
        {
            var latest = StepComputer.LatestDueStep(now, definition.Step, _options.Lag);
            if (_running.ContainsKey(definition.Key) || (_nextDue.TryGetValue(definition.Key, out var next) && next > latest))
            {
                continue;
            }

            _running[definition.Key] = Task.Run(() => RunAsync(definition, latest, stoppingToken), CancellationToken.None);
        }
    }

    private async Task RunAsync(AggregateDefinition definition, long latest, CancellationToken cancellationToken)
    {
        try
        {
            var span = (long)_options.CatchUp.TotalSeconds / definition.Step * definition.Step;
            var steps = new List<long>();
            for (var t = latest - span; t <= latest; t += definition.Step)
            {
                steps.Add(t);
            }

            var open = await _fence.OpenStepsAsync(definition.Key, steps, cancellationToken).ConfigureAwait(false);
            foreach (var step in open)
            {
                if (!await ComputeStepAsync(definition, step, cancellationToken).ConfigureAwait(false))
                {
                    // Try again after a pause of at most one step; the failed step is computed late, not skipped.
                    _nextDue[definition.Key] = latest + Math.Min(definition.Step, 10);
                    return;
                }
            }

            _nextDue[definition.Key] = latest + definition.Step;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.StepFailed(_logger, definition.Key, StepComputer.Describe(latest), e.Message);
        }
        finally
        {
            _running.TryRemove(definition.Key, out _);
        }
    }

    /// <summary>Claims, computes, pushes and fences one step; false when it failed and was given back.</summary>
    private async Task<bool> ComputeStepAsync(AggregateDefinition definition, long step, CancellationToken cancellationToken)
    {
        if (!await _fence.TryClaimAsync(definition.Key, step, cancellationToken).ConfigureAwait(false))
        {
            return true; // another instance holds it or finished it
        }

        try
        {
            var result = await _computer.ComputeAsync(definition, step, cancellationToken).ConfigureAwait(false);
            await _pusher.PushAsync(result.Points, cancellationToken).ConfigureAwait(false);
            await _fence.CompleteAsync(definition.Key, step, cancellationToken).ConfigureAwait(false);
            _last.Set(result);
            _metrics.StepPushed(result.StaleHostList);
            if (result.StaleHostList)
            {
                Log.StaleHostList(_logger, definition.Key, StepComputer.Describe(step));
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _metrics.StepFailed();
            Log.StepFailed(_logger, definition.Key, StepComputer.Describe(step), e.Message);
            await _fence.ReleaseAsync(definition.Key, step, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return false;
        }
    }
}
