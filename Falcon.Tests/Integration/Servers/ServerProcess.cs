using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Falcon.Tests.Integration.Servers;

/// <summary>A real server started for tests: its process, its scratch directory and the tail of its output.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(string name, Process process, string directory)
    {
        Name = name;
        _process = process;
        Directory = directory;
    }

    public string Name { get; }

    public string Directory { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's process id, for tests that pause it (SIGSTOP) to play a slow server.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="binary"/>; a missing binary fails with the apt-get line that installs it.</summary>
    public static ServerProcess Start(string name, string binary, string package, string directory, params string[] arguments)
    {
        var path = Locate(binary)
            ?? throw new InvalidOperationException(
                $"{name}: '{binary}' is not installed; run `apt-get install -y {package}` (./build.sh test does this when run as root)");
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(name, process, directory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="ready"/> until it is true; fails with the server's output when it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting:\n{OutputTail()}");
            }

            try
            {
                if (await ready(deadline.Token))
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !deadline.IsCancellationRequested)
            {
                last = e;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout} ({last?.Message}):\n{OutputTail()}");
    }

    public string OutputTail()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }

    /// <summary>Kills the server as a crash would and keeps its directory, so the same server can be started on it again.</summary>
    public async Task KillKeepingDirectoryAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed by the dying server; the directory is under /tmp and harmless.
        }
    }

    /// <summary>
    /// A TCP port on 127.0.0.1 that was free a moment ago (never a default port). It is taken from below (or above)
    /// the kernel's ephemeral range: a port the kernel hands out for port 0 is also the source port of the next
    /// outgoing connection, and on a busy machine one of the many connections a test run makes took such a port
    /// between this check and the server's bind ("address already in use"). Ports go round the window in turn, so
    /// this process never hands out the same port twice until it has used the whole window.
    /// </summary>
    public static int FreePort()
    {
        lock (PortGate)
        {
            for (var attempt = 0; attempt < PortWindow.Count; attempt++)
            {
                _nextPort = _nextPort + 1 >= PortWindow.Start + PortWindow.Count ? PortWindow.Start : _nextPort + 1;
                if (IsFree(_nextPort))
                {
                    return _nextPort;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly Lock PortGate = new();

    private static readonly (int Start, int Count) PortWindow = NonEphemeralWindow();

    private static int _nextPort = PortWindow.Start + Random.Shared.Next(PortWindow.Count);

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Ports outside /proc/sys/net/ipv4/ip_local_port_range (32768–60999 unless changed).</summary>
    private static (int Start, int Count) NonEphemeralWindow()
    {
        var (low, high) = (32768, 60999);
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            (low, high) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or an unusual /proc: keep the default range.
        }

        return low - 10000 >= 10000 ? (low - 10000, 10000)
            : high + 2000 <= 65535 ? (high + 1, 65535 - high)
            : (10000, 2000);
    }

    public static string NewDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"falcon-test-{name}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static string? Locate(string binary)
    {
        if (Path.IsPathRooted(binary))
        {
            return File.Exists(binary) ? binary : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':').Append("/usr/sbin").Append("/usr/bin")
            .Select(d => Path.Combine(d, binary))
            .FirstOrDefault(File.Exists);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
