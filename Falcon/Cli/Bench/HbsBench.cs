using System.Diagnostics;
using System.Globalization;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;

namespace Falcon.Cli.Bench;

/// <summary>Simulates agents heartbeating (`Agent.ReportStatus`) against any open-falcon-compatible hbs.</summary>
internal sealed class HbsBench
{
    public required string Target { get; init; }

    public required int Agents { get; init; }

    public required int Connections { get; init; }

    public required int InFlight { get; init; }

    public required TimeSpan Duration { get; init; }

    public string HostPrefix { get; init; } = "bench-agent-";

    public string AgentVersion { get; init; } = "7.0.0";

    public bool Prime { get; init; }

    public int? ServerPid { get; init; }

    public async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var clients = Enumerable.Range(0, Connections)
            .Select(_ => new JsonRpcClient([Target], new JsonRpcClientOptions { CallTimeout = TimeSpan.FromSeconds(10) }))
            .ToArray();
        try
        {
            if (Prime)
            {
                var primed = Stopwatch.StartNew();
                await PrimeAsync(clients, cancellationToken);
                await output.WriteLineAsync($"# primed {Agents} hostnames in {primed.Elapsed.TotalSeconds:0.0}s");
            }

            var recorder = new LatencyRecorder();
            long errors = 0;
            string? firstError = null;
            var cpuBefore = ServerPid is { } pid ? ProcessCpu.Read(pid) : null;
            var clock = Stopwatch.StartNew();
            var lanes = clients.SelectMany((client, c) => Enumerable.Range(0, InFlight).Select(lane => Task.Run(async () =>
            {
                var samples = new List<long>(1 << 16);
                var sequence = lane;
                while (clock.Elapsed < Duration && !cancellationToken.IsCancellationRequested)
                {
                    var index = (int)((c + ((long)sequence * Connections)) % Agents);
                    sequence += InFlight;
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var reply = await client.CallAsync("Agent.ReportStatus", Request(index), AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse, cancellationToken);
                        if (reply.Code != 0)
                        {
                            throw new InvalidOperationException($"code {reply.Code}");
                        }

                        samples.Add((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, e.Message, null);
                    }
                }

                recorder.Add(samples);
            }, cancellationToken))).ToArray();
            await Task.WhenAll(lanes);
            var elapsed = clock.Elapsed;
            var cpuAfter = ServerPid is { } pid2 ? ProcessCpu.Read(pid2) : null;

            var calls = recorder.Count;
            await output.WriteLineAsync($"target      : {Target} Agent.ReportStatus");
            await output.WriteLineAsync($"agents      : {Agents} distinct hostnames over {Connections} connections x {InFlight} in flight");
            await output.WriteLineAsync($"duration    : {elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
            await output.WriteLineAsync($"calls ok    : {calls} ({(calls / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} calls/s), errors {errors}{(firstError is null ? string.Empty : $" (first: {firstError})")}");
            await output.WriteLineAsync($"latency     : {recorder.Summary()}");
            if (cpuBefore is { } before && cpuAfter is { } after && calls > 0)
            {
                var perCall = (after - before).TotalMicroseconds / calls;
                await output.WriteLineAsync($"server cpu  : {(after - before).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s, {perCall.ToString("0.0", CultureInfo.InvariantCulture)} µs per heartbeat (pid {ServerPid})");
            }
            else if (ServerPid is not null)
            {
                await error.WriteLineAsync($"bench hbs: could not read /proc/{ServerPid}/stat; server CPU not reported");
            }

            return errors == 0 && calls > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private async Task PrimeAsync(JsonRpcClient[] clients, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(clients.Take(64).Select(async client =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Agents)
            {
                await client.CallAsync("Agent.ReportStatus", Request(index), AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse, cancellationToken);
            }
        }));
    }

    // The same request shape and hostnames as falcon_loadgen.py, so the two measure the same thing.
    private AgentReportRequest Request(int index) => new()
    {
        Hostname = HostPrefix + index.ToString("000000", CultureInfo.InvariantCulture),
        IP = string.Create(CultureInfo.InvariantCulture, $"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"),
        AgentVersion = AgentVersion,
        PluginVersion = "plugin not enabled",
    };
}
