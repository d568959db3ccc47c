using System.Diagnostics;
using System.Globalization;
using Falcon.Roles.Aggregator;
using Falcon.Roles.Aggregator.Compute;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Roles.Aggregator.Inputs;
using Falcon.Roles.Aggregator.Methods;
using Falcon.Roles.Aggregator.Output;
using Falcon.Roles.Aggregator.Targets;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Cli.Bench;

/// <summary>
/// Times aggregator steps end to end with the role's own code: synthetic groups whose points are written into
/// VictoriaMetrics first (10 s counters or gauges), host lists fetched over HTTP in hbs's format, the chunked PromQL
/// queries, the fold, and the push to a real transfer over `Transfer.Update`. Every definition of a step runs at once,
/// as the scheduler runs them; each step's results are checked against the values written.
/// </summary>
internal sealed class AggregatorBench
{
    private const int SeriesStep = 10;

    public Uri? Tsdb { get; init; }

    public required int Hosts { get; init; }

    public required int Definitions { get; init; }

    /// <summary>counter, gauge or mixed (definitions alternate).</summary>
    public required string Kind { get; init; }

    public required IReadOnlyList<IAggregateMethod> Methods { get; init; }

    public required int Step { get; init; }

    public required int Rounds { get; init; }

    public string? Transfer { get; init; }

    public required int MaxQueryLength { get; init; }

    public required int Parallelism { get; init; }

    public async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var servers = new AggregatorBenchServers();
        Uri tsdb;
        try
        {
            tsdb = Tsdb ?? await servers.StartTsdbAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception)
        {
            await error.WriteLineAsync($"bench aggregator: cannot start victoria-metrics (is it on PATH?): {e.Message}");
            return ExitCodes.Failed;
        }

        var run = "bagg" + Guid.NewGuid().ToString("N")[..6];
        var groups = Enumerable.Range(0, Definitions).Select(g => new BenchGroup(
            string.Create(CultureInfo.InvariantCulture, $"{run}-g{g:000}"),
            KindOf(g),
            [.. Enumerable.Range(0, Hosts).Select(h => string.Create(CultureInfo.InvariantCulture, $"{run}-g{g:000}-host-{h:00000}"))])).ToArray();

        // Steps to time: the newest closed ones; one more before them warms connections up and is not reported.
        var last = StepComputer.LatestDueStep(DateTimeOffset.UtcNow, Step, TimeSpan.FromSeconds(Step));
        var steps = Enumerable.Range(0, Rounds + 1).Select(i => last - ((long)(Rounds - i) * Step)).ToArray();
        var lookback = Math.Max(Step, 2 * SeriesStep);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var written = Stopwatch.StartNew();
        try
        {
            var samples = await AggregatorBenchData.WriteAsync(http, tsdb, groups, steps[0] - lookback - (2 * SeriesStep), last, SeriesStep, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {samples:N0} samples of {Definitions * Hosts:N0} hosts into {tsdb} in {written.Elapsed.TotalSeconds:F1} s"));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            await error.WriteLineAsync($"bench aggregator: cannot write the synthetic points to {tsdb}: {e.Message}");
            return ExitCodes.Failed;
        }

        var hbs = await servers.StartHbsAsync(groups.ToDictionary(static g => g.Name, static g => g.Hosts), cancellationToken);
        var transfer = Transfer ?? await servers.StartTransferAsync(tsdb, Math.Min(Step, 30), cancellationToken);
        var options = Options.Create(new AggregatorOptions
        {
            Hbs = [hbs.ToString()],
            Transfer = [transfer],
            MaxQueryLength = MaxQueryLength,
            QueryParallelism = Parallelism,
            QueryTimeout = TimeSpan.FromSeconds(60),
            HbsTimeout = TimeSpan.FromSeconds(30),
            PushTimeout = TimeSpan.FromSeconds(10),
        });
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new AggregatorMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        using var gate = new QueryGate(new PrometheusQueryClient(http, tsdb.ToString(), TimeSpan.FromSeconds(60)), options, metrics);
        var values = new TsdbValues(gate, options);
        await using var pusher = new TransferPusher(options, [], TimeProvider.System, metrics, NullLogger<TransferPusher>.Instance);
        var definitions = groups.Select((g, i) => Definition(g, i + 1)).ToArray();
        var chunks = new ValueQuery(definitions[0].Counter!, lookback).Chunk(groups[0].Hosts, MaxQueryLength).Count;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Definitions} definition(s) × {Hosts:N0} hosts ({Kind}), methods {string.Join(',', Methods.Select(static m => m.Name))}, step {Step} s, {chunks} chunk(s) per host list under {MaxQueryLength} characters, {Parallelism} queries at once"));
        var cpuTotal = TimeSpan.Zero;
        var wallTotal = TimeSpan.Zero;
        for (var round = 0; round < steps.Length; round++)
        {
            var figures = await StepAsync(definitions, groups, steps[round], values, pusher, options, metrics, servers.TsdbPid, cancellationToken);
            if (figures.Problem is { } problem)
            {
                await error.WriteLineAsync($"bench aggregator: step {StepComputer.Describe(steps[round])}: {problem}");
                return ExitCodes.Failed;
            }

            if (round == 0)
            {
                continue; // warm-up
            }

            cpuTotal += figures.Cpu;
            wallTotal += figures.Wall;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"step {StepComputer.Describe(steps[round])}: wall {figures.Wall.TotalMilliseconds:F0} ms, aggregator CPU {figures.Cpu.TotalMilliseconds:F0} ms{TsdbCpu(figures.TsdbCpu)}; per definition (mean): host list {figures.HostList.TotalMilliseconds:F1} ms, queries and fold {figures.Compute.TotalMilliseconds:F1} ms, push {figures.Push.TotalMilliseconds:F1} ms"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean of {Rounds} step(s): wall {wallTotal.TotalMilliseconds / Rounds:F0} ms, aggregator CPU {cpuTotal.TotalMilliseconds / Rounds:F0} ms = {cpuTotal.TotalSeconds / Rounds / Step:F3} of a core at one step every {Step} s (this process: the aggregator's code, plus the loopback hbs{(Transfer is null ? " and the in-process transfer" : "")})"));
        output.WriteLine("results checked: every host contributed and each sum equals the sum of the values written");
        return ExitCodes.Ok;
    }

    private static string TsdbCpu(TimeSpan? cpu) => cpu is { } c ? string.Create(CultureInfo.InvariantCulture, $", victoria-metrics CPU {c.TotalMilliseconds:F0} ms") : "";

    private string KindOf(int group) => Kind switch
    {
        "counter" => "counter",
        "gauge" => "gauge",
        _ => group % 2 == 0 ? "counter" : "gauge",
    };

    private AggregateDefinition Definition(BenchGroup group, int id) => new()
    {
        Source = AggregateSource.Aggregate,
        Id = id,
        Target = new GroupNameTarget(group.Name),
        Step = Step,
        SeriesStep = SeriesStep,
        Endpoint = AggregateDefinition.DefaultEndpoint(GroupNameTarget.KindName, group.Name),
        Metric = group.Metric,
        Tags = TagSet.Empty,
        Counter = new CounterSpec(group.Metric, TagSet.Empty),
        Methods = Methods,
    };

    private static async Task<StepFigures> StepAsync(
        AggregateDefinition[] definitions, BenchGroup[] groups, long step, TsdbValues values, TransferPusher pusher,
        IOptions<AggregatorOptions> options, AggregatorMetrics metrics, int? tsdbPid, CancellationToken cancellationToken)
    {
        // A fresh host-list client per step: its cache would otherwise answer every step after the first.
        using var hbsHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var hostLists = new TimedHostLists(new HbsHostLists(hbsHttp, options, TimeProvider.System, metrics, NullLogger<HbsHostLists>.Instance));
        var computer = new StepComputer(hostLists, values, metrics);
        var tsdbBefore = tsdbPid is { } pid ? ProcessCpu.Read(pid) : null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var runs = await Task.WhenAll(definitions.Select(d => Task.Run(
            async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var result = await computer.ComputeAsync(d, step, cancellationToken);
                var computed = Stopwatch.GetTimestamp();
                await pusher.PushAsync(result.Points, cancellationToken);
                return (Result: result, Compute: Stopwatch.GetElapsedTime(started, computed), Push: Stopwatch.GetElapsedTime(computed));
            },
            cancellationToken)));
        var elapsed = wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var tsdbCpu = tsdbPid is { } p && tsdbBefore is { } before && ProcessCpu.Read(p) is { } after ? after - before : (TimeSpan?)null;

        string? problem = null;
        for (var i = 0; i < runs.Length && problem is null; i++)
        {
            problem = Check(runs[i].Result, groups[i]);
        }

        var n = definitions.Length;
        var hostListMean = hostLists.Total / n;
        return new StepFigures(
            elapsed, cpu, tsdbCpu, hostListMean, (runs.Aggregate(TimeSpan.Zero, static (a, r) => a + r.Compute) / n) - hostListMean,
            runs.Aggregate(TimeSpan.Zero, static (a, r) => a + r.Push) / n, problem);
    }

    private static string? Check(StepResult result, BenchGroup group)
    {
        if (result.Contributed != group.Hosts.Length || result.TargetHosts != group.Hosts.Length)
        {
            return $"{group.Name}: {result.Contributed} of {result.TargetHosts} hosts contributed, {group.Hosts.Length} expected ({result.Note})";
        }

        var sum = result.Points.FirstOrDefault(static p => p.Tags == "method=sum");
        var expected = AggregatorBenchData.ExpectedSum(group);
        return sum is null || Math.Abs(sum.Value.Number - expected) <= 1e-6 * Math.Max(1, expected)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{group.Name}: sum {sum.Value.Number} where the points written give {expected}");
    }

    private sealed record StepFigures(TimeSpan Wall, TimeSpan Cpu, TimeSpan? TsdbCpu, TimeSpan HostList, TimeSpan Compute, TimeSpan Push, string? Problem);

    /// <summary>Host lists with the time spent fetching them added up.</summary>
    private sealed class TimedHostLists(IHostLists inner) : IHostLists
    {
        private long _ticks;

        public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public async Task<HostList> ByNameAsync(string name, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var list = await inner.ByNameAsync(name, cancellationToken);
            Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
            return list;
        }

        public Task<HostList> ByIdAsync(long groupId, CancellationToken cancellationToken) => inner.ByIdAsync(groupId, cancellationToken);
    }
}

/// <summary>One synthetic group: its hosts, and whether they report a counter or a gauge.</summary>
internal sealed record BenchGroup(string Name, string Kind, string[] Hosts)
{
    public string Metric => Kind == "counter" ? "bench.net.bytes" : "bench.cpu.idle";
}
