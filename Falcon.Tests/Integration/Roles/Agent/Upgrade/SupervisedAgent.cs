using System.Diagnostics;
using System.Globalization;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.Agent.Upgrade;

/// <summary>
/// A published falcon agent installed in a directory of its own and run by a bash loop standing in for systemd
/// (deploy/falcon-agent.service): the backup's `upgrade watchdog` before each start (ExecStartPre), a fresh
/// INVOCATION_ID per start, and a restart whatever the exit code (Restart=always), for a bounded number of starts.
/// </summary>
internal sealed class SupervisedAgent : IAsyncDisposable
{
    private const int MaxStarts = 20;
    private readonly Process _supervisor;

    private SupervisedAgent(string directory, string hostname, int httpPort, Process supervisor)
    {
        Directory = directory;
        Hostname = hostname;
        HttpPort = httpPort;
        _supervisor = supervisor;
    }

    public string Directory { get; }

    public string Hostname { get; }

    public int HttpPort { get; }

    public string Binary => Path.Combine(Directory, "falcon");

    public string Backup => Binary + ".bak";

    public string Marker => Binary + ".upgrade";

    public string SupervisorLog => ReadShared(Path.Combine(Directory, "supervisor.log"));

    public string AgentLog => ReadShared(Path.Combine(Directory, "agent.log"));

    /// <summary>How many times the supervisor has started the agent.</summary>
    public int Starts => SupervisorLog.Split('\n').Count(l => l.StartsWith("start ", StringComparison.Ordinal));

    /// <summary>Starts the supervisor; <paramref name="retryDelay"/> is agent.upgrade.retryDelay (10 minutes unless given).</summary>
    public static SupervisedAgent Start(string publishedBinary, string hbsRpcAddress, IEnumerable<string>? extraYaml = null, string retryDelay = "00:10:00")
    {
        var directory = ServerProcess.NewDirectory("agent-upgrade");
        var hostname = $"e2e-{Guid.NewGuid():N}"[..16];
        var httpPort = ServerProcess.FreePort();
        File.Copy(publishedBinary, Path.Combine(directory, "falcon"));
        File.WriteAllLines(Path.Combine(directory, "falcon.yaml"),
        [
            "host:",
            "  shutdownTimeout: \"00:00:10\"",
            "agent:",
            $"  hostname: {hostname}",
            $"  hbs: [\"{hbsRpcAddress}\"]",
            // Nothing listens there: collected points wait in the buffer, and the stop for an upgrade gives up at once.
            $"  transfer: [\"127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}\"]",
            $"  httpListen: \"127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}\"",
            "  heartbeatInterval: \"00:00:00.500\"",
            "  flushTimeout: \"00:00:00\"",
            "  upgrade:",
            "    watchdogStarts: 3",
            "    watchdogTime: \"00:05:00\"",
            $"    retryDelay: \"{retryDelay}\"",
            .. extraYaml ?? [],
        ]);
        var script = Path.Combine(directory, "supervisor.sh");
        File.WriteAllText(script, $$"""
            #!/bin/bash
            # Stands in for systemd running deploy/falcon-agent.service.
            cd "$(dirname "$0")"
            for start in $(seq 1 {{MaxStarts}}); do
              export INVOCATION_ID=$(tr -d - </proc/sys/kernel/random/uuid)
              echo "start $start" >>supervisor.log
              if [ -x ./falcon.bak ]; then ./falcon.bak upgrade watchdog --binary ./falcon >>supervisor.log 2>&1; fi
              ./falcon run --role agent --config ./falcon.yaml >>agent.log 2>&1
              echo "exit $?" >>supervisor.log
              sleep 0.3
            done
            """);
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = directory };
        info.ArgumentList.Add(script);
        return new SupervisedAgent(directory, hostname, httpPort, Process.Start(info)!);
    }

    /// <summary>The version the running agent reports on its own HTTP `/version`, or null when none answers.</summary>
    public async Task<string?> RunningVersionAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await http.GetStringAsync(new Uri($"http://127.0.0.1:{HttpPort}/version"))).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public string Describe() => $"supervisor.log:\n{SupervisorLog}\nagent.log (tail):\n{Tail(AgentLog)}";

    public async ValueTask DisposeAsync()
    {
        if (!_supervisor.HasExited)
        {
            _supervisor.Kill(entireProcessTree: true);
            await _supervisor.WaitForExitAsync();
        }

        _supervisor.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Under /tmp; harmless.
        }
    }

    private static string Tail(string text) => text.Length > 6000 ? text[^6000..] : text;

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return string.Empty;
        }
    }
}
