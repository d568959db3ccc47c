using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace Falcon.Tests.Integration.Servers;

/// <summary>
/// A throwaway mariadbd for integration tests: its own data directory under the temp folder, a free
/// loopback port, and <c>root</c> with an empty password over TCP. Tests share one server and each
/// works in databases of its own. Disposing it kills the server and deletes the directory.
/// </summary>
internal sealed class MariaDbServer : IAsyncDisposable
{
    private const string Package = "mariadb-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private ServerProcess _process;

    private MariaDbServer(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A MySqlConnector connection string for <paramref name="database"/> ("" for none), as root without a password.</summary>
    public string ConnectionString(string database) =>
        new MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1",
            Port = (uint)Port,
            UserID = "root",
            Database = database,
            ConnectionTimeout = 5,
        }.ConnectionString;

    /// <summary>
    /// Initialises a data directory with mariadb-install-db and starts mariadbd on it; fails with the
    /// server's output if it does not accept connections within 60 s.
    /// </summary>
    public static async Task<MariaDbServer> StartAsync(CancellationToken cancellationToken)
    {
        // A port that was free a moment ago can be taken before mariadbd binds it; try again then.
        for (var attempt = 1; ; attempt++)
        {
            var directory = ServerProcess.NewDirectory("mariadb");
            var port = ServerProcess.FreePort();
            ServerProcess? process = null;
            try
            {
                await InstallAsync(directory, cancellationToken);
                process = ServerProcess.Start("mariadbd", "mariadbd", Package, directory, ServerArguments(directory, port));
                var server = new MariaDbServer(process, port);
                await process.WaitUntilReadyAsync(server.AcceptsConnectionsAsync, StartTimeout);
                return server;
            }
            catch (Exception) when (attempt < 3 && process is { HasExited: true } && process.OutputTail().Contains("Address already in use", StringComparison.Ordinal))
            {
                await process.DisposeAsync();
            }
            catch
            {
                if (process is null)
                {
                    TryDelete(directory);
                }
                else
                {
                    await process.DisposeAsync();
                }

                throw;
            }
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>Kills mariadbd (SIGKILL, as a crash) and keeps its data, for tests of a MySQL outage; <see cref="RestartAsync"/> brings it back.</summary>
    public Task KillAsync() => _process.KillKeepingDirectoryAsync();

    /// <summary>Starts mariadbd again on the same data directory and port after <see cref="KillAsync"/>.</summary>
    public async Task RestartAsync()
    {
        var directory = _process.Directory;
        // The killed process's object is dropped without DisposeAsync, which would delete the data directory.
        _process = ServerProcess.Start("mariadbd", "mariadbd", Package, directory, ServerArguments(directory, Port));
        await _process.WaitUntilReadyAsync(AcceptsConnectionsAsync, StartTimeout);
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        var connectionString = new MySqlConnectionStringBuilder(ConnectionString("")) { Pooling = false, ConnectionTimeout = 2 };
        await using var connection = new MySqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT 1", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    private static string[] ServerArguments(string directory, int port)
    {
        var arguments = new List<string>
        {
            "--no-defaults", // must come first: ignore /etc/mysql
            $"--datadir={Path.Combine(directory, "data")}",
            $"--socket={Path.Combine(directory, "mariadbd.sock")}",
            $"--pid-file={Path.Combine(directory, "mariadbd.pid")}",
            $"--port={port.ToString(CultureInfo.InvariantCulture)}",
            "--bind-address=127.0.0.1",
            "--skip-name-resolve", // 127.0.0.1 then matches root@127.0.0.1, with no DNS lookups
            "--skip-log-bin",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_general_ci",
            // Small and fast: test data needs no durability.
            "--innodb-buffer-pool-size=64M",
            "--innodb-log-file-size=16M",
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=0",
        };
        // Without --log-error mariadbd logs to stderr, which ServerProcess keeps for failure messages.
        arguments.InsertRange(1, UserArguments());
        return [.. arguments];
    }

    private static async Task InstallAsync(string directory, CancellationToken cancellationToken)
    {
        var installDb = Locate("mariadb-install-db")
            ?? throw new InvalidOperationException(
                $"mariadb-install-db is not installed; run `apt-get install -y {Package}` (./build.sh test does this when run as root)");
        var info = new ProcessStartInfo(installDb)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("--no-defaults");
        foreach (var argument in UserArguments())
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"--datadir={Path.Combine(directory, "data")}");
        // "normal" gives root@localhost and root@127.0.0.1 an empty password instead of unix_socket
        // authentication, so tests connect over TCP as root.
        info.ArgumentList.Add("--auth-root-authentication-method=normal");
        info.ArgumentList.Add("--skip-test-db");
        info.ArgumentList.Add("--skip-name-resolve");

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {installDb}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{installDb} did not finish within {StartTimeout.TotalSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            var text = (await output) + (await error);
            throw new InvalidOperationException(
                $"{installDb} failed with exit code {process.ExitCode}:\n{(text.Length > 4000 ? text[^4000..] : text)}");
        }
    }

    // mariadbd refuses to run as root unless told to; as any other user the switch is not needed.
    private static string[] UserArguments() => Environment.UserName == "root" ? ["--user=root"] : [];

    private static string? Locate(string binary) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Append("/usr/sbin").Append("/usr/bin")
            .Select(d => Path.Combine(d, binary))
            .FirstOrDefault(File.Exists);

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Under /tmp and harmless.
        }
    }
}
