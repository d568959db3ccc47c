using System.Diagnostics;
using System.Globalization;
using System.Text;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Hosting;

/// <summary>`falcon run` as a real process: SIGTERM drains and flushes before it exits.</summary>
[Category("Integration")]
public sealed class ProcessShutdownTests
{
    [Test]
    public async Task Sigterm_FlushesHostRowsStillWaitingForMySql_AndExitsZero()
    {
        await using var db = await PortalDatabase.CreateAsync();
        var redis = await TestServers.RedisAsync();
        var rpcPort = Servers.ServerProcess.FreePort();
        using var falcon = StartFalcon(
            "run", "--role", "hbs",
            "--set", $"hbs.rpcListen=127.0.0.1:{rpcPort.ToString(CultureInfo.InvariantCulture)}",
            "--set", $"hbs.httpListen=127.0.0.1:{Servers.ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
            "--set", $"redis.connection={redis.Connection}",
            "--set", $"mysql.portal={db.Options.Portal}",
            "--set", $"mysql.uic={db.Options.Uic}",
            "--set", $"mysql.alarms={db.Options.Alarms}",
            "--set", $"hbs.cache.keyPrefix=shutdown-{Guid.NewGuid():N}",
            // Small batches, so that many rows are still queued when SIGTERM arrives; a deadline long enough for
            // a loaded CI machine to write them all (the point is that they are flushed, not how fast).
            "--set", "hbs.hostWriteBatch=10",
            "--set", "host.shutdownTimeout=00:02:00");
        var output = Capture(falcon.Process);
        const int Agents = 3000;
        await using (var client = new JsonRpcClient([$"127.0.0.1:{rpcPort}"], new JsonRpcClientOptions { CallTimeout = TimeSpan.FromSeconds(5) }))
        {
            await Poll.ForAsync(() => Heartbeat(client, "first"), _ => true);
            await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => Heartbeat(client, $"sigterm-{i:0000}")));
        }

        using (var kill = Process.Start("kill", ["-TERM", falcon.Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await falcon.Process.WaitForExitAsync(timeout.Token);

        Assert.That(falcon.Process.ExitCode, Is.Zero, output.ToString());
        Assert.That(await db.ScalarAsync("SELECT COUNT(*) FROM host"), Is.EqualTo((long)Agents + 1), output.ToString());
        Assert.That(output.ToString(), Does.Contain("falcon stopping"));
    }

    private static Task<AgentReportResponse> Heartbeat(JsonRpcClient client, string hostname) =>
        client.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = hostname, IP = "10.0.0.1", AgentVersion = "7.0.0" },
            AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);

    internal static StringBuilder Capture(Process process)
    {
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>The falcon built beside the tests (its apphost, else `dotnet falcon.dll`).</summary>
    internal static FalconProcess StartFalcon(params string[] arguments)
    {
        var directory = TestContext.CurrentContext.TestDirectory;
        var apphost = Path.Combine(directory, "falcon");
        var info = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(directory, "falcon.dll") } };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // transfer's on-disk queue defaults to /var/lib/falcon/transfer-queue, which one process at a time may hold: a
        // test that names no path gets its own, so no two tests (or a developer's falcon) ever contend for it.
        string? queue = null;
        if (arguments.Length > 0 && arguments[0] == "run" && !arguments.Any(a => a.StartsWith("transfer.queue.path=", StringComparison.Ordinal)))
        {
            queue = Path.Combine(Path.GetTempPath(), "falcon-test-queue-" + Guid.NewGuid().ToString("N"));
            info.ArgumentList.Add("--set");
            info.ArgumentList.Add("transfer.queue.path=" + queue);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return new FalconProcess(Process.Start(info)!, queue);
    }

    internal sealed class FalconProcess(Process process, string? ownQueue = null) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
            if (ownQueue is not null && Directory.Exists(ownQueue))
            {
                Directory.Delete(ownQueue, recursive: true);
            }
        }
    }
}
