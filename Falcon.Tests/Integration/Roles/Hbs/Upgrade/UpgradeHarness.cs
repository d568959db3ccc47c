using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>
/// Coordinators as separate hbs processes would have them (each its own Redis connection) over one real Redis, under a
/// key prefix of this test's own, all on one fake clock.
/// </summary>
internal sealed class UpgradeHarness : IAsyncDisposable
{
    public const string OldVersion = "7.0.0";
    public const string NewVersion = "7.1.0";

    private readonly List<RedisConnection> _connections = [];
    private readonly ServiceProvider _metrics;

    private UpgradeHarness(string connection, HbsUpgradeOptions options)
    {
        Connection = connection;
        Options = options;
        Keys = new UpgradeKeys(options.KeyPrefix);
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public HbsUpgradeOptions Options { get; }

    public UpgradeKeys Keys { get; }

    public string Connection { get; }

    public static async Task<UpgradeHarness> StartAsync(bool cluster, Action<HbsUpgradeOptions>? configure = null)
    {
        var server = await TestServers.RedisAsync(cluster);
        var options = new HbsUpgradeOptions { KeyPrefix = $"agent_upgrade_{Guid.NewGuid():N}" };
        configure?.Invoke(options);
        return new UpgradeHarness(server.Connection, options);
    }

    /// <summary>One more hbs instance.</summary>
    public UpgradeCoordinator CreateCoordinator()
    {
        var connection = new RedisConnection(
            Microsoft.Extensions.Options.Options.Create(new RedisOptions { Connection = Connection }),
            NullLogger<RedisConnection>.Instance);
        _connections.Add(connection);
        return new UpgradeCoordinator(
            connection,
            Microsoft.Extensions.Options.Options.Create(Options),
            Time,
            new UpgradeMetrics(_metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<UpgradeCoordinator>.Instance);
    }

    public async Task<IDatabase> DatabaseAsync()
    {
        if (_connections.Count == 0)
        {
            CreateCoordinator();
        }

        return await _connections[0].GetDatabaseAsync();
    }

    public static UpgradeTaskRequest NewTask(string version = NewVersion) => new()
    {
        Type = 0,
        WgetUrl = "http://dl.example.com/falcon",
        Version = version,
        BinFileMd5 = new string('a', 32),
        BinFileSha256 = new string('b', 64),
    };

    public static AgentReportRequest Heartbeat(string hostname, string version = OldVersion, bool inUpgrading = false) => new()
    {
        Hostname = hostname,
        IP = "10.0.0.1",
        AgentVersion = version,
        PluginVersion = "plugin",
        InUpgrading = inUpgrading,
    };

    public async ValueTask DisposeAsync()
    {
        if (_connections.Count > 0)
        {
            await (await _connections[0].GetDatabaseAsync()).KeyDeleteAsync(Keys.All);
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _metrics.DisposeAsync();
    }
}
