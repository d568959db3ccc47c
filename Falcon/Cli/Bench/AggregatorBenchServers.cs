using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Falcon.Hosting;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.Rpc;
using Falcon.Roles.Transfer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Falcon.Cli.Bench;

/// <summary>
/// What `falcon bench aggregator` runs beside the aggregator's own code: a VictoriaMetrics of its own (with
/// --start-tsdb), a loopback HTTP server answering hbs's group host-list route, and a real transfer role in this
/// process (unless --transfer names one). Everything started here is stopped and removed by <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class AggregatorBenchServers : IAsyncDisposable
{
    private Process? _tsdb;
    private string? _tsdbDirectory;
    private WebApplication? _hbs;
    private IHost? _transfer;
    private string? _queueDirectory;

    /// <summary>The VictoriaMetrics process started here, for its CPU time; null when the bench points at one.</summary>
    public int? TsdbPid => _tsdb?.Id;

    /// <summary>Starts `victoria-metrics` from PATH on a free loopback port with a fresh data directory; returns its base URL.</summary>
    public async Task<Uri> StartTsdbAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        _tsdbDirectory = Path.Combine(Path.GetTempPath(), "falcon-bench-vm-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_tsdbDirectory);
        var start = new ProcessStartInfo("victoria-metrics")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"-httpListenAddr=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            $"-storageDataPath={_tsdbDirectory}",
            "-search.latencyOffset=0s",
            "-retentionPeriod=100y",
            "-loggerLevel=ERROR",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _tsdb = Process.Start(start) ?? throw new IOException("victoria-metrics did not start");
        _tsdb.OutputDataReceived += static (_, _) => { };
        _tsdb.ErrorDataReceived += static (_, _) => { };
        _tsdb.BeginOutputReadLine();
        _tsdb.BeginErrorReadLine();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_tsdb.HasExited)
            {
                throw new IOException($"victoria-metrics exited with code {_tsdb.ExitCode} before it served");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return url;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new IOException("victoria-metrics did not serve /health within 60 s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Serves `GET /hostgroup/&lt;name&gt;/hosts` as hbs does (`{"msg":"success","data":[...]}`) for <paramref name="groups"/>.</summary>
    public async Task<Uri> StartHbsAsync(IReadOnlyDictionary<string, string[]> groups, CancellationToken cancellationToken)
    {
        // Each body is built once, so the server's own cost stays out of the aggregator's figures as far as it can.
        var bodies = groups.ToDictionary(
            static g => g.Key,
            static g => Encoding.UTF8.GetBytes("{\"msg\":\"success\",\"data\":[\"" + string.Join("\",\"", g.Value) + "\"]}"),
            StringComparer.Ordinal);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "falcon-bench-hbs" });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(static o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        _hbs = builder.Build();
        _hbs.UseRouting();
        _hbs.MapGet("/hostgroup/{name}/hosts", (RequestDelegate)(async context =>
        {
            if (context.Request.RouteValues["name"] is string name && bodies.TryGetValue(name, out var body))
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }));
        await _hbs.StartAsync(cancellationToken);
        var address = _hbs.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>Starts the transfer role in this process, writing to <paramref name="tsdb"/>; returns its JSON-RPC address.</summary>
    public async Task<string> StartTransferAsync(Uri tsdb, int minStep, CancellationToken cancellationToken)
    {
        _queueDirectory = Path.Combine(Path.GetTempPath(), "falcon-bench-queue-" + Guid.NewGuid().ToString("N")[..8]);
        string[] settings =
        [
            "transfer.rpcListen=127.0.0.1:0",
            "transfer.httpListen=127.0.0.1:0",
            $"transfer.minStep={minStep.ToString(CultureInfo.InvariantCulture)}",
            $"transfer.queue.path={_queueDirectory}",
            $"tsdb.writeUrl={new Uri(tsdb, "/api/v1/write")}",
            "logging.logLevel.Default=Warning",
        ];
        var source = new ConfigurationSource("no-such-file.yaml", PathGivenExplicitly: false, settings);
        _transfer = FalconHost.CreateBuilder(source, [TransferRole.Descriptor]).Build();
        await _transfer.StartAsync(cancellationToken);
        var rpc = _transfer.Services.GetServices<RoleRpcServer>().Single(static s => s.Role == TransferRole.Name);
        await rpc.Listening.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return rpc.BoundAddress ?? throw new IOException("transfer bound no JSON-RPC address");
    }

    public async ValueTask DisposeAsync()
    {
        if (_transfer is not null)
        {
            await _transfer.StopAsync(CancellationToken.None);
            _transfer.Dispose();
        }

        if (_hbs is not null)
        {
            await _hbs.DisposeAsync();
        }

        if (_tsdb is not null)
        {
            try
            {
                _tsdb.Kill(entireProcessTree: true);
                await _tsdb.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
            }

            _tsdb.Dispose();
        }

        foreach (var directory in new[] { _tsdbDirectory, _queueDirectory })
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
