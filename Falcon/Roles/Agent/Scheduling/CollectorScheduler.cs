using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Push;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Scheduling;

/// <summary>
/// Runs every collector on the wall-clock ticks of its tier (`agent.tiers.&lt;name&gt;`, else its default). Each
/// collector has a loop of its own, so a slow one delays only itself, and a pass that throws or outlives its interval
/// is dropped whole without touching the others. A pass still running at its next tick makes that tick skipped.
/// </summary>
internal sealed class CollectorScheduler(
    AgentCollectors collectors,
    PushBuffer buffer,
    DefaultTags defaultTags,
    AgentIdentity identity,
    AgentMetrics metrics,
    IOptions<AgentOptions> options,
    TimeProvider timeProvider,
    ILogger<CollectorScheduler> logger) : BackgroundService
{
    private const int FallbackSeconds = 60;
    private readonly IReadOnlySet<string> _ignore = options.Value.Ignore.ToHashSet(StringComparer.Ordinal);

    // The binder may copy agent.tiers into a dictionary of its own comparer; collector names match in any case.
    private readonly Dictionary<string, int> _tiers = new(options.Value.Tiers.DistinctBy(t => t.Key, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    /// <summary>The interval <paramref name="collector"/> runs at, in seconds.</summary>
    public int IntervalOf(ICollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        if (_tiers.TryGetValue(collector.Name, out var configured))
        {
            return configured;
        }

        return collector.DefaultIntervalSeconds > 0 ? collector.DefaultIntervalSeconds : FallbackSeconds;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        collectors.Check(options.Value);
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = collectors.All.Select(c => RunAsync(c, IntervalOf(c), stoppingToken)).ToArray();
        foreach (var group in collectors.All.GroupBy(IntervalOf).OrderBy(g => g.Key))
        {
            Log.TierStarted(logger, group.Key, string.Join(", ", group.Select(c => c.Name)));
        }

        return Task.WhenAll(loops);
    }

    private async Task RunAsync(ICollector collector, int seconds, CancellationToken stoppingToken)
    {
        var failures = new FailureLog(timeProvider, TimeSpan.FromMinutes(10));
        var tick = TickClock.NextTick(timeProvider.GetUtcNow(), seconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(tick) - timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, stoppingToken);
            }

            await CollectOnceAsync(collector, seconds, tick, failures, stoppingToken);

            // The next tick follows this one, even when the pass (or a late timer) ended just after it: the pass runs
            // at once with the tick's timestamp. Only a pass that ran through a whole further interval skips ticks.
            var next = tick + seconds;
            var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
            if (now >= next + seconds)
            {
                var resumed = TickClock.NextTick(timeProvider.GetUtcNow(), seconds);
                var skipped = (resumed - next) / seconds;
                metrics.CollectorOverran(collector.Name, skipped);
                Log.CollectorSkippedTicks(logger, collector.Name, skipped, seconds);
                next = resumed;
            }

            tick = next;
        }
    }

    private async Task CollectOnceAsync(ICollector collector, int seconds, long tick, FailureLog failures, CancellationToken stoppingToken)
    {
        var writer = new PointWriter(identity.Hostname, seconds, tick, _ignore, defaultTags);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), timeProvider);
        using var pass = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        Exception? failure = null;
        try
        {
            // Task.Run: a collector that blocks before its first await must not hold up the timer thread that woke it.
            await Task.Run(async () => await collector.CollectAsync(writer, pass.Token), pass.Token);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            failure = e;
        }

        // A pass that outlived its interval is dropped even if it ended well: its points would arrive a tick late.
        if (timeout.IsCancellationRequested && failure is null or OperationCanceledException)
        {
            failure = new TimeoutException($"no result within its interval of {seconds} s");
        }

        if (failure is not null)
        {
            metrics.CollectorFailed(collector.Name);
            if (failures.Failed(out var suppressed))
            {
                Log.CollectorFailed(logger, collector.Name, suppressed, failure.Message, failure is TimeoutException ? null : failure);
            }

            return;
        }

        if (failures.Succeeded(out var count, out var duration))
        {
            Log.CollectorRecovered(logger, collector.Name, count, duration);
        }

        if (writer.Points.Count > 0)
        {
            buffer.Add(writer.Points);
            metrics.Collected(writer.Points.Count);
        }
    }
}
