using System.CommandLine;

namespace Falcon.Cli.Bench;

/// <summary>`falcon bench ...`: load generators that speak the real protocols, for BENCHMARKS.md.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure a role over its real protocol (run against a separate process; results go in BENCHMARKS.md).");
        bench.Subcommands.Add(CreateHbs());
        bench.Subcommands.Add(CreateTransfer());
        bench.Subcommands.Add(CreateJudge());
        bench.Subcommands.Add(CreateAlarm());
        bench.Subcommands.Add(CreateAggregator());
        return bench;
    }

    private static Command CreateAggregator()
    {
        var tsdb = new Option<string?>("--tsdb") { Description = "Base URL of the VictoriaMetrics to write the synthetic points to and query (e.g. http://127.0.0.1:18428); without it the bench starts its own victoria-metrics from PATH on a free loopback port and removes it at the end.", HelpName = "url" };
        var hosts = new Option<int>("--hosts") { Description = "Hosts per definition (each definition has its own group).", DefaultValueFactory = _ => 10_000 };
        var definitions = new Option<int>("--definitions") { Description = "Definitions computed together in each step.", DefaultValueFactory = _ => 1 };
        var kind = new Option<string>("--kind") { Description = "What the hosts report: counter (aggregated as rates), gauge (last values) or mixed (definitions alternate).", DefaultValueFactory = _ => "counter" };
        kind.AcceptOnlyFromAmong("counter", "gauge", "mixed");
        var methods = new Option<string>("--methods") { Description = "Methods of every definition (a percentile makes the bench read every host's value).", DefaultValueFactory = _ => Roles.Aggregator.Methods.AggregateMethods.DefaultList };
        var step = new Option<int>("--step") { Description = "Output step in seconds (the series are 10 s).", DefaultValueFactory = _ => 30 };
        var rounds = new Option<int>("--rounds") { Description = "Steps timed, after one that warms up.", DefaultValueFactory = _ => 3 };
        var transfer = new Option<string?>("--transfer") { Description = "A transfer's JSON-RPC address to push to; without it a transfer role runs in this process and writes to the same TSDB.", HelpName = "host:port" };
        var maxQuery = new Option<int>("--max-query-length") { Description = "aggregator.maxQueryLength.", DefaultValueFactory = _ => new Roles.Aggregator.AggregatorOptions().MaxQueryLength };
        var parallelism = new Option<int>("--parallelism") { Description = "aggregator.queryParallelism.", DefaultValueFactory = _ => new Roles.Aggregator.AggregatorOptions().QueryParallelism };
        var command = new Command("aggregator", "Write synthetic groups (10 s counters or gauges) into VictoriaMetrics, then time aggregator steps end to end with the role's own code: host lists over HTTP in hbs's format, chunked PromQL, the fold, and Transfer.Update to a real transfer; prints wall and CPU time per step.")
        {
            tsdb, hosts, definitions, kind, methods, step, rounds, transfer, maxQuery, parallelism,
        };
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            var (h, d, s, r, m, p) = (result.GetValue(hosts), result.GetValue(definitions), result.GetValue(step), result.GetValue(rounds), result.GetValue(maxQuery), result.GetValue(parallelism));
            if (h < 1 || h > 1_000_000 || d < 1 || d > 10_000 || s < 10 || s > 3600 || r < 1 || r > 100 || m < 512 || p < 1 || p > 256)
            {
                await error.WriteLineAsync("bench aggregator: --hosts 1 to 1,000,000, --definitions 1 to 10,000, --step 10 to 3600, --rounds 1 to 100, --max-query-length at least 512 and --parallelism 1 to 256");
                return ExitCodes.Usage;
            }

            if (!Roles.Aggregator.Methods.AggregateMethods.TryParseList(result.GetValue(methods), out var parsed, out var methodError))
            {
                await error.WriteLineAsync($"bench aggregator: --methods: {methodError}");
                return ExitCodes.Usage;
            }

            Uri? tsdbUrl = null;
            if (result.GetValue(tsdb) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out tsdbUrl))
            {
                await error.WriteLineAsync($"bench aggregator: --tsdb must be an absolute URL, got '{text}'");
                return ExitCodes.Usage;
            }

            var bench = new AggregatorBench
            {
                Tsdb = tsdbUrl,
                Hosts = h,
                Definitions = d,
                Kind = result.GetValue(kind)!,
                Methods = parsed,
                Step = s,
                Rounds = r,
                Transfer = result.GetValue(transfer),
                MaxQueryLength = m,
                Parallelism = p,
            };
            return await bench.RunAsync(result.InvocationConfiguration.Output, error, ct);
        });
        return command;
    }

    private static Command CreateAlarm()
    {
        var redis = new Option<string>("--redis") { Description = "The Redis the alarm under test reads (StackExchange.Redis configuration string).", DefaultValueFactory = _ => "127.0.0.1:6379" };
        var events = new Option<int>("--events") { Description = "Events to preload.", DefaultValueFactory = _ => 20_000 };
        var pattern = new Option<string>("--queue-pattern") { Description = "Event queue pattern, %v = priority (the alarm's queues).", DefaultValueFactory = _ => "event:p%v" };
        var priorities = new Option<string>("--priorities") { Description = "Priorities to spread the events over, comma-separated.", DefaultValueFactory = _ => "0,1,2" };
        var action = new Option<long>("--action-id") { Description = "strategy.tpl.actionId of the events: an action whose team has users with IM ids.", DefaultValueFactory = _ => 1 };
        var endpoints = new Option<int>("--endpoints") { Description = "Distinct endpoints in the events.", DefaultValueFactory = _ => 500 };
        var webhook = new Option<string>("--webhook-listen") { Description = "Where the bench's IM webhook listens; configure the alarm with alarm.im.provider=webhook and alarm.im.primary=http://<this>/hook.", DefaultValueFactory = _ => "127.0.0.1:19912", HelpName = "host:port" };
        var alarms = new Option<string?>("--alarms-db") { Description = "MySqlConnector connection string of the alarms database: also time the events rows." };
        var pid = new Option<int?>("--server-pid") { Description = "pid of the alarm process: report its peak RSS while draining." };
        var timeout = new Option<double>("--timeout") { Description = "Give up after this many seconds.", DefaultValueFactory = _ => 300 };
        var command = new Command("alarm", "Preload open-falcon events into Redis and time how fast a running alarm drains, records (with --alarms-db) and delivers them to this bench's loopback IM webhook.")
        {
            redis, events, pattern, priorities, action, endpoints, webhook, alarms, pid, timeout,
        };
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            var list = new List<int>();
            foreach (var part in result.GetValue(priorities)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) || p > 9)
                {
                    await error.WriteLineAsync($"bench alarm: --priorities takes numbers 0 to 9 separated by commas, got '{part}'");
                    return ExitCodes.Usage;
                }

                list.Add(p);
            }

            var (n, e, t) = (result.GetValue(events), result.GetValue(endpoints), result.GetValue(timeout));
            if (n < 1 || e < 1 || t <= 0 || list.Count == 0 || !result.GetValue(pattern)!.Contains("%v", StringComparison.Ordinal))
            {
                await error.WriteLineAsync("bench alarm: --events and --endpoints must be at least 1, --timeout positive, --priorities non-empty and --queue-pattern must hold %v");
                return ExitCodes.Usage;
            }

            var bench = new AlarmBench
            {
                Redis = result.GetValue(redis)!,
                Events = n,
                QueuePattern = result.GetValue(pattern)!,
                Priorities = list,
                ActionId = result.GetValue(action),
                Endpoints = e,
                WebhookListen = result.GetValue(webhook)!,
                AlarmsDatabase = result.GetValue(alarms),
                ServerPid = result.GetValue(pid),
                Timeout = TimeSpan.FromSeconds(t),
            };
            return await bench.RunAsync(result.InvocationConfiguration.Output, error, ct);
        });
        return command;
    }

    private static Command CreateJudge()
    {
        var redis = new Option<string>("--redis") { Description = "Redis for events and last events (a StackExchange.Redis configuration string); the bench's keys are removed at the end.", DefaultValueFactory = _ => "127.0.0.1:6379" };
        var strategies = new Option<int>("--strategies") { Description = "Series, each with its own strategy (all(#3) > 90 on cpu.busy).", DefaultValueFactory = _ => 10_000 };
        var workers = new Option<int>("--workers") { Description = "Judge lanes (judge.workers).", DefaultValueFactory = _ => 2 };
        var batch = new Option<int>("--batch") { Description = "Points per hand-off to the judge (transfer hands over one push at a time).", DefaultValueFactory = _ => 500 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds.", DefaultValueFactory = _ => 10 };
        var command = new Command("judge", "Judge points in this process through the judge's lanes, engine and event outbox on a real Redis; prints points judged/s and CPU per point.")
        {
            redis, strategies, workers, batch, duration,
        };
        command.SetAction(async (result, ct) =>
        {
            var (s, w, b, d) = (result.GetValue(strategies), result.GetValue(workers), result.GetValue(batch), result.GetValue(duration));
            if (s < 1 || w < 1 || w > 64 || b < 1 || d <= 0)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync("bench judge: --strategies and --batch must be at least 1, --workers 1 to 64 and --duration positive");
                return ExitCodes.Usage;
            }

            var bench = new JudgeBench { Redis = result.GetValue(redis)!, Strategies = s, Workers = w, Batch = b, Duration = TimeSpan.FromSeconds(d) };
            return await bench.RunAsync(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct);
        });
        return command;
    }

    private static Command CreateHbs()
    {
        var target = new Option<string>("--target") { Description = "hbs JSON-RPC address (host:port).", DefaultValueFactory = _ => "127.0.0.1:6030", HelpName = "host:port" };
        var agents = new Option<int>("--agents") { Description = "Distinct simulated agents (hostnames), cycled over.", DefaultValueFactory = _ => 10_000 };
        var connections = new Option<int>("--connections") { Description = "TCP connections in total.", DefaultValueFactory = _ => 200 };
        var inflight = new Option<int>("--inflight") { Description = "Outstanding calls per connection.", DefaultValueFactory = _ => 1 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds.", DefaultValueFactory = _ => 10 };
        var prime = new Option<bool>("--prime") { Description = "Heartbeat once per hostname before measuring (fills registries and host rows)." };
        var pid = new Option<int?>("--server-pid") { Description = "pid of the hbs process: report its CPU time per heartbeat from /proc/<pid>/stat." };
        var command = new Command("hbs", "Simulate agents calling Agent.ReportStatus over JSON-RPC; prints calls/s and latency percentiles. Works against any open-falcon-compatible hbs.")
        {
            target, agents, connections, inflight, duration, prime, pid,
        };
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            var (a, c, i, d) = (result.GetValue(agents), result.GetValue(connections), result.GetValue(inflight), result.GetValue(duration));
            if (a < 1 || c < 1 || i < 1 || d <= 0)
            {
                await error.WriteLineAsync("bench hbs: --agents, --connections and --inflight must be at least 1 and --duration positive");
                return ExitCodes.Usage;
            }

            var bench = new HbsBench
            {
                Target = result.GetValue(target)!,
                Agents = a,
                Connections = c,
                InFlight = i,
                Duration = TimeSpan.FromSeconds(d),
                Prime = result.GetValue(prime),
                ServerPid = result.GetValue(pid),
            };
            return await bench.RunAsync(result.InvocationConfiguration.Output, error, ct);
        });
        return command;
    }

    private static Command CreateTransfer()
    {
        var target = new Option<string>("--target") { Description = "transfer JSON-RPC address (host:port).", DefaultValueFactory = _ => "127.0.0.1:8433", HelpName = "host:port" };
        var batch = new Option<int>("--batch") { Description = "Points per Transfer.Update call (open-falcon's agent sends up to a few hundred).", DefaultValueFactory = _ => 200 };
        var series = new Option<int>("--series") { Description = "Distinct series (endpoint, metric), cycled over.", DefaultValueFactory = _ => 100_000 };
        var connections = new Option<int>("--connections") { Description = "TCP connections in total.", DefaultValueFactory = _ => 20 };
        var inflight = new Option<int>("--inflight") { Description = "Outstanding calls per connection.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double?>("--rate") { Description = "Points per second to offer in total.", HelpName = "points/s" };
        var max = new Option<bool>("--max") { Description = "Push as fast as the server answers (instead of --rate)." };
        var duration = new Option<double>("--duration") { Description = "Measured seconds.", DefaultValueFactory = _ => 10 };
        var pid = new Option<int?>("--server-pid") { Description = "pid of the transfer process: report its CPU time per accepted point from /proc/<pid>/stat." };
        var command = new Command("transfer", "Push Transfer.Update batches over JSON-RPC as agents do; prints accepted points/s, latency percentiles and, with --server-pid, server CPU per point. Works against any open-falcon-compatible transfer.")
        {
            target, batch, series, connections, inflight, rate, max, duration, pid,
        };
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            var (b, s, c, i, d) = (result.GetValue(batch), result.GetValue(series), result.GetValue(connections), result.GetValue(inflight), result.GetValue(duration));
            var (r, m) = (result.GetValue(rate), result.GetValue(max));
            if (b < 1 || s < 1 || c < 1 || i < 1 || d <= 0)
            {
                await error.WriteLineAsync("bench transfer: --batch, --series, --connections and --inflight must be at least 1 and --duration positive");
                return ExitCodes.Usage;
            }

            if (m == (r is not null) || r <= 0)
            {
                await error.WriteLineAsync("bench transfer: give either --rate <points/s> (positive) or --max");
                return ExitCodes.Usage;
            }

            var bench = new TransferBench
            {
                Target = result.GetValue(target)!,
                Batch = b,
                Series = s,
                Connections = c,
                InFlight = i,
                Rate = r,
                Duration = TimeSpan.FromSeconds(d),
                ServerPid = result.GetValue(pid),
            };
            return await bench.RunAsync(result.InvocationConfiguration.Output, error, ct);
        });
        return command;
    }
}
