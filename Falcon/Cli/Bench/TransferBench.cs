using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Falcon.Shared.Wire;

namespace Falcon.Cli.Bench;

/// <summary>Pushes `Transfer.Update` batches like agents do, against any open-falcon-compatible transfer.</summary>
internal sealed class TransferBench
{
    public required string Target { get; init; }

    public required int Batch { get; init; }

    public required int Series { get; init; }

    public required int Connections { get; init; }

    public required int InFlight { get; init; }

    /// <summary>Points per second in total; null pushes as fast as the server answers.</summary>
    public double? Rate { get; init; }

    public required TimeSpan Duration { get; init; }

    public int? ServerPid { get; init; }

    public async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // Each point of a series starts with the same bytes; only timestamp and value change per call.
        var prefixes = Enumerable.Range(0, Series).Select(SeriesPrefix).ToArray();
        var clients = Enumerable.Range(0, Connections)
            .Select(_ => new JsonRpcClient([Target], new JsonRpcClientOptions { CallTimeout = TimeSpan.FromSeconds(30) }))
            .ToArray();
        try
        {
            var recorder = new LatencyRecorder();
            long accepted = 0, invalid = 0, errors = 0, nextSeries = 0;
            string? firstError = null;
            var lanes = Connections * InFlight;
            var callInterval = Rate is { } rate ? TimeSpan.FromSeconds(Batch * lanes / rate) : TimeSpan.Zero;
            var cpuBefore = ServerPid is { } pid ? ProcessCpu.Read(pid) : null;
            var clock = Stopwatch.StartNew();
            var tasks = clients.SelectMany(client => Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
            {
                var samples = new List<long>(1 << 16);
                var buffer = new ArrayBufferWriter<byte>(Batch * 128);
                var next = TimeSpan.Zero;
                while (clock.Elapsed < Duration && !cancellationToken.IsCancellationRequested)
                {
                    if (callInterval > TimeSpan.Zero)
                    {
                        next += callInterval;
                        if (next > clock.Elapsed)
                        {
                            await Task.Delay(next - clock.Elapsed, cancellationToken);
                        }
                    }

                    var first = Interlocked.Add(ref nextSeries, Batch) - Batch;
                    WriteBatch(buffer, prefixes, first);
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var reply = await client.CallRawAsync("Transfer.Update", buffer.WrittenMemory, cancellationToken);
                        samples.Add((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                        var total = reply.GetProperty("Total").GetInt64();
                        var bad = reply.GetProperty("Invalid").GetInt64();
                        Interlocked.Add(ref accepted, total - bad);
                        Interlocked.Add(ref invalid, bad);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, e.Message, null);
                    }
                }

                recorder.Add(samples);
            }, cancellationToken))).ToArray();
            await Task.WhenAll(tasks);
            var elapsed = clock.Elapsed;
            var cpuAfter = ServerPid is { } pid2 ? ProcessCpu.Read(pid2) : null;

            var seconds = elapsed.TotalSeconds;
            await output.WriteLineAsync($"target      : {Target} Transfer.Update");
            await output.WriteLineAsync($"load        : batches of {Batch} over {Series} series, {Connections} connections x {InFlight} in flight, {(Rate is { } r ? $"{r.ToString("0", CultureInfo.InvariantCulture)} points/s asked" : "as fast as answered")}");
            await output.WriteLineAsync($"duration    : {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
            await output.WriteLineAsync($"accepted    : {accepted} points ({(accepted / seconds).ToString("0", CultureInfo.InvariantCulture)} points/s), {recorder.Count} calls ({(recorder.Count / seconds).ToString("0", CultureInfo.InvariantCulture)} calls/s), invalid {invalid}, errors {errors}{(firstError is null ? string.Empty : $" (first: {firstError})")}");
            await output.WriteLineAsync($"latency     : {recorder.Summary()}");
            if (cpuBefore is { } before && cpuAfter is { } after && accepted > 0)
            {
                var perPoint = (after - before).TotalMicroseconds / accepted;
                await output.WriteLineAsync($"server cpu  : {(after - before).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s, {perPoint.ToString("0.00", CultureInfo.InvariantCulture)} µs per point (pid {ServerPid})");
            }
            else if (ServerPid is not null)
            {
                await error.WriteLineAsync($"bench transfer: could not read /proc/{ServerPid}/stat; server CPU not reported");
            }

            return errors == 0 && accepted > 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    // Series i is endpoint bench-host-(i / 100), metric bench.metric.(i % 100): 100 metrics per host, as an agent pushes.
    private static byte[] SeriesPrefix(int series) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"endpoint":"bench-host-{{series / 100:000000}}","metric":"bench.metric.{{series % 100}}","tags":"","counterType":"GAUGE","step":60,"timestamp":"""));

    private void WriteBatch(ArrayBufferWriter<byte> buffer, byte[][] prefixes, long firstSeries)
    {
        buffer.ResetWrittenCount();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        buffer.Write("["u8);
        for (var i = 0; i < Batch; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            var series = (firstSeries + i) % prefixes.Length;
            buffer.Write(prefixes[series]);
            WriteNumber(buffer, now);
            buffer.Write(",\"value\":"u8);
            WriteNumber(buffer, (firstSeries + i) % 1000);
            buffer.Write("}"u8);
        }

        buffer.Write("]"u8);
    }

    private static void WriteNumber(ArrayBufferWriter<byte> buffer, long value)
    {
        var span = buffer.GetSpan(20);
        value.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
        buffer.Advance(written);
    }
}
