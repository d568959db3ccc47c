using Falcon.Shared.Portal;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace Falcon.Tests.Integration.Shared.Portal;

/// <summary>Fresh falcon_portal, uic and alarms databases of a test's own on the shared MariaDB, with the schema applied.</summary>
internal sealed class PortalDatabase : IAsyncDisposable
{
    private PortalDatabase(FalconDatabases databases, MySqlOptions options)
    {
        Databases = databases;
        Options = options;
    }

    public FalconDatabases Databases { get; }

    public MySqlOptions Options { get; }

    public static async Task<PortalDatabase> CreateAsync() => await CreateAsync(await TestServers.MariaDbAsync());

    /// <summary>The databases on <paramref name="server"/> (a dedicated one, for tests that stop it).</summary>
    public static async Task<PortalDatabase> CreateAsync(Servers.MariaDbServer server)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var options = new MySqlOptions
        {
            Portal = server.ConnectionString($"portal_{suffix}"),
            Uic = server.ConnectionString($"uic_{suffix}"),
            Alarms = server.ConnectionString($"alarms_{suffix}"),
        };
        var databases = new FalconDatabases(Microsoft.Extensions.Options.Options.Create(options), NullLoggerFactory.Instance);
        await new SchemaMigrator(databases, NullLogger<SchemaMigrator>.Instance, TimeProvider.System).InitAsync(null, CancellationToken.None);
        return new PortalDatabase(databases, options);
    }

    /// <summary>Converts every table to utf8mb4, as `falcon db migrate --utf8mb4` does; fails if any table is not converted.</summary>
    public async Task ConvertToUtf8mb4Async()
    {
        var migrator = new SchemaMigrator(Databases, NullLogger<SchemaMigrator>.Instance, TimeProvider.System);
        var outcome = await migrator.ConvertToUtf8mb4Async(await migrator.PlanUtf8mb4Async(CancellationToken.None), null, CancellationToken.None);
        if (outcome.Failed.Count > 0)
        {
            throw new InvalidOperationException("not converted: " + string.Join("; ", outcome.Failed.Select(static f => $"{f.Table.Table}: {f.Reason}")));
        }
    }

    /// <summary>Every host row as `hostname|ip|agent_version|plugin_version`, sorted.</summary>
    public async Task<List<string>> HostsAsync()
    {
        await using var connection = await Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand("SELECT hostname, ip, agent_version, plugin_version FROM host ORDER BY hostname", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{reader.GetString(2)}|{reader.GetString(3)}");
        }

        return rows;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Databases.Portal.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = await Databases.Portal.OpenConnectionAsync(CancellationToken.None))
        {
            // alarms refers to uic (event_note.user_id), so drop in reverse order of creation.
            foreach (var database in Databases.All.Reverse())
            {
                await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{database.Name}`", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }

        await Databases.DisposeAsync();
    }
}
