using System.Globalization;

namespace Falcon.Tests.Integration.Servers;

/// <summary>A real VictoriaMetrics (Debian's victoria-metrics) on a free loopback port, fresh points queryable at once.</summary>
internal sealed class VictoriaMetricsServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

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
            return server;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
