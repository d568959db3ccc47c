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
        return bench;
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
