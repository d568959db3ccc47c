using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Roles.Judge.Events;
using Falcon.Roles.Judge.Judging;
using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Cli.Bench;

/// <summary>
/// Judges points in this process, through the judge's own lanes, engine and event outbox on a real Redis, with one
/// strategy per series; measures points judged per second and CPU per point.
/// </summary>
internal sealed class JudgeBench : IJudgeRulesSource
{
    public required string Redis { get; init; }

    public required int Strategies { get; init; }

    public required int Workers { get; init; }

    public required int Batch { get; init; }

    public required TimeSpan Duration { get; init; }

    public JudgeRules Current { get; private set; } = JudgeRules.Empty;

    public async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var prefix = "bench-judge-" + Guid.NewGuid().ToString("N")[..8];
        var hosts = Enumerable.Range(0, Strategies).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-host-{i:000000}")).ToArray();
        Current = Rules(hosts);
        var pattern = prefix + ":event:p%v";
        var options = Options.Create(new JudgeOptions { Workers = Workers, QueueCapacity = 100_000_000, EventQueuePattern = pattern });
        await using var redis = new RedisConnection(Options.Create(new RedisOptions { Connection = Redis }), NullLogger<RedisConnection>.Instance);
        try
        {
            await redis.GetDatabaseAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"bench judge: cannot reach Redis at {Redis}: {e.Message}");
            return ExitCodes.Failed;
        }

        using var meters = new BenchMeterFactory();
        var metrics = new JudgeMetrics(meters);
        using var outbox = new EventOutbox(new EventPublisher(redis), options, TimeProvider.System, metrics, NullLogger<EventOutbox>.Instance);
        var engine = new JudgeEngine(this, new EventStateMachine(TimeProvider.System), new LastEventStore(redis, NullLogger<LastEventStore>.Instance), outbox, options, TimeProvider.System, metrics, NullLogger<JudgeEngine>.Instance);
        using var lanes = new JudgeLanes(engine, options, TimeProvider.System, metrics, NullLogger<JudgeLanes>.Instance);
        await outbox.StartAsync(cancellationToken);
        await lanes.StartAsync(cancellationToken);

        // One warm-up round reads every rule's last event back from Redis once, as a started judge does; it is not measured.
        long round = 0;
        var start = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - (3600 * 24);
        Offer(lanes, hosts, start, round++);
        await DrainAsync(lanes, cancellationToken);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long offered = 0;
        while (clock.Elapsed < Duration && !cancellationToken.IsCancellationRequested)
        {
            // Keep a few rounds queued so the lanes never wait for this producer, and memory stays bounded.
            if (lanes.Queued > hosts.Length * 2L)
            {
                await Task.Delay(1, cancellationToken);
                continue;
            }

            offered += Offer(lanes, hosts, start, round++);
        }

        var queuedAtEnd = lanes.Queued;
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var judged = offered - queuedAtEnd;
        await lanes.StopAsync(CancellationToken.None);
        await outbox.StopAsync(CancellationToken.None);
        var events = meters.Total("falcon.judge.events.sent");
        await CleanUpAsync(redis, pattern);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"judged {judged:N0} points in {elapsed.TotalSeconds:F1} s: {judged / elapsed.TotalSeconds:N0} points/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"strategies {Strategies:N0} (one per series, all(#3) > 90), lanes {Workers}, batch {Batch}, events {events:N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process CPU {cpu.TotalSeconds:F2} s (producer included): {cpu.TotalMicroseconds / Math.Max(1, judged):F2} µs per point"));
        return ExitCodes.Ok;
    }

    private int Offer(JudgeLanes lanes, string[] hosts, long start, long round)
    {
        var timestamp = start + (round * 60);
        var offered = 0;
        for (var first = 0; first < hosts.Length; first += Batch)
        {
            var count = Math.Min(Batch, hosts.Length - first);
            var items = new JudgeItem[count];
            for (var i = 0; i < count; i++)
            {
                // Mostly quiet: one series in 200 is over the threshold, for five rounds in a row (a PROBLEM, then an OK).
                var value = ((first + i + (round / 5)) % 200) == 0 ? 95 : 40;
                items[i] = new JudgeItem(hosts[first + i], "cpu.busy", TagSet.Empty, value, timestamp, CounterType.Gauge);
            }

            offered += count - lanes.Enqueue(items);
        }

        return offered;
    }

    private static async Task DrainAsync(JudgeLanes lanes, CancellationToken cancellationToken)
    {
        while (lanes.Queued > 0)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private static JudgeRules Rules(string[] hosts)
    {
        var strategies = hosts.Select((host, i) => new HostStrategies
        {
            Hostname = host,
            Strategies =
            [
                new Strategy
                {
                    Id = i + 1,
                    Metric = "cpu.busy",
                    Func = "all(#3)",
                    Operator = ">",
                    RightValue = 90,
                    MaxStep = 3,
                    Priority = 3,
                    Tpl = new Template { Id = 1, ActionId = 1 },
                },
            ],
        }).ToList();
        return new JudgeRules(new StrategyIndex(new StrategiesResponse { HostStrategies = strategies }), ExpressionIndex.Empty);
    }

    private static async Task CleanUpAsync(RedisConnection redis, string pattern)
    {
        var db = await redis.GetDatabaseAsync(CancellationToken.None);
        for (var priority = 0; priority < 10; priority++)
        {
            await db.KeyDeleteAsync(pattern.Replace("%v", priority.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
    }

    /// <summary>Meters for the bench's own use, summed at the end.</summary>
    private sealed class BenchMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = [];

        public BenchMeterFactory()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (_meters.Contains(instrument.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (_totals)
                {
                    _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
                }
            });
            _listener.Start();
        }

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public long Total(string instrument)
        {
            lock (_totals)
            {
                return _totals.GetValueOrDefault(instrument);
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
