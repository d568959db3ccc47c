using StackExchange.Redis;

namespace Falcon.Tests.Integration.Servers;

/// <summary>A real redis-server on a free loopback port: plain, or a one-node Redis Cluster owning every slot.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private ServerProcess _process;

    private RedisServer(ServerProcess process, int port, bool cluster)
    {
        _process = process;
        Port = port;
        IsCluster = cluster;
    }

    public int Port { get; }

    public bool IsCluster { get; }

    /// <summary>The StackExchange.Redis configuration string, as `redis.connection` takes it.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(bool cluster)
    {
        var port = ServerProcess.FreePort();
        var directory = ServerProcess.NewDirectory(cluster ? "redis-cluster" : "redis");
        var arguments = Arguments(port, directory);
        if (cluster)
        {
            // Without an announced IP a lone node lists itself as ":port" in CLUSTER NODES; StackExchange.Redis then keeps a
            // second, never-connected endpoint for every slot and stalls connects and some commands for its 5 s timeout.
            arguments.AddRange(["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-announce-ip", "127.0.0.1"]);
        }

        var process = ServerProcess.Start(cluster ? "redis-server (cluster)" : "redis-server", "redis-server", "redis-server", directory, [.. arguments]);
        var server = new RedisServer(process, port, cluster);
        try
        {
            await process.WaitUntilReadyAsync(async _ => await server.PingAsync(), TimeSpan.FromSeconds(30));
            if (cluster)
            {
                await server.AssignAllSlotsAsync();
                await process.WaitUntilReadyAsync(async _ => await server.ClusterStateIsOkAsync(), TimeSpan.FromSeconds(30));
            }

            return server;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills redis-server (SIGKILL, as a crash) on a plain server of a test's own; <see cref="RestartAsync"/> brings it back empty.</summary>
    public Task KillAsync() => IsCluster
        ? throw new InvalidOperationException("only a plain redis-server is restarted by tests")
        : _process.KillKeepingDirectoryAsync();

    /// <summary>Starts redis-server again on the same port after <see cref="KillAsync"/> (nothing is saved: it comes back empty).</summary>
    public async Task RestartAsync()
    {
        var directory = _process.Directory;
        // The killed process's object is dropped without DisposeAsync, which would delete the directory.
        _process = ServerProcess.Start("redis-server", "redis-server", "redis-server", directory, [.. Arguments(Port, directory)]);
        await _process.WaitUntilReadyAsync(async _ => await PingAsync(), TimeSpan.FromSeconds(30));
    }

    private static List<string> Arguments(int port, string directory) =>
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--dir", directory,
            "--save", string.Empty,
            "--appendonly", "no",
            "--daemonize", "no",
        ];

    /// <summary>Deletes every key, so one test's data cannot leak into the next.</summary>
    public async Task FlushAsync()
    {
        await using var connection = await ConnectAdminAsync();
        await connection.GetServer(connection.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<ConnectionMultiplexer> ConnectAdminAsync()
    {
        var options = ConfigurationOptions.Parse(Connection);
        options.AllowAdmin = true;
        options.ConnectTimeout = 2000;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private async Task<bool> PingAsync()
    {
        await using var connection = await ConnectAdminAsync();
        return connection.IsConnected;
    }

    private async Task AssignAllSlotsAsync()
    {
        await using var connection = await ConnectAdminAsync();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await server.ExecuteAsync("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
    }

    private async Task<bool> ClusterStateIsOkAsync()
    {
        await using var connection = await ConnectAdminAsync();
        var info = (string?)await connection.GetServer(connection.GetEndPoints()[0]).ExecuteAsync("CLUSTER", "INFO");
        return info?.Contains("cluster_state:ok", StringComparison.Ordinal) == true;
    }
}
