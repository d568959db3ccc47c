using System.Globalization;

namespace Falcon.Tests.Integration.Servers;

/// <summary>A real VictoriaMetrics (Debian's victoria-metrics) on a free loopback port, fresh points queryable at once.</summary>
/// <remarks>
/// VictoriaMetrics 1.79 makes new points searchable only when it flushes its in-memory buffers, 8–10 s after the
/// write here; every test reading the TSDB (directly or through a role) waited that long. While the server runs, the
/// tests ask it to flush (/internal/force_flush) every 200 ms, so what was written is readable within a poll or two.
/// The points and the queries are unchanged: only the wait for VictoriaMetrics' own flush is shortened.
/// </remarks>
internal sealed class VictoriaMetricsServer : IAsyncDisposable
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(200);

    private readonly ServerProcess _process;
    private readonly CancellationTokenSource _stop = new();
    private Task _flusher = Task.CompletedTask;

    private VictoriaMetricsServer(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The victoria-metrics process id (to SIGSTOP it and play a slow datacenter).</summary>
    public int ProcessId => _process.ProcessId;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>Where Prometheus remote write goes (`tsdb.writeUrl`).</summary>
    public Uri WriteUrl => new(BaseAddress, "/api/v1/write");

    public static Task<VictoriaMetricsServer> StartAsync() => StartAsync(ServerProcess.FreePort());

    /// <summary>Starts on a given port, for tests that stop the TSDB and start it again where clients expect it.</summary>
    public static async Task<VictoriaMetricsServer> StartAsync(int port)
    {
        var directory = ServerProcess.NewDirectory("victoria-metrics");
        var process = ServerProcess.Start(
            "victoria-metrics", "victoria-metrics", "victoria-metrics", directory,
            $"-httpListenAddr=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            $"-storageDataPath={directory}",
            "-search.latencyOffset=0s",
            "-retentionPeriod=100y",
            "-loggerLevel=ERROR");
        var server = new VictoriaMetricsServer(process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await process.WaitUntilReadyAsync(
                async ct => (await http.GetAsync(new Uri(server.BaseAddress, "/health"), ct)).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60));
            server._flusher = server.FlushWhileRunningAsync();
            return server;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _flusher;
        _stop.Dispose();
        await _process.DisposeAsync();
    }

    private async Task FlushWhileRunningAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var flush = new Uri(BaseAddress, "/internal/force_flush");
        using var timer = new PeriodicTimer(FlushEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    using var response = await http.GetAsync(flush, _stop.Token);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
                {
                    // Stopped, paused (SIGSTOP) or restarting on purpose in a test: flush again at the next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
