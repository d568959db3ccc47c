using Falcon.Hosting;
using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Hbs;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Hosting;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Console.Config.Groups;

/// <summary>
/// hbs and the console in one process over real Redis and MariaDB, for the configuration API. uic holds alice and
/// bob (plain users) and root (role 2, an admin); each password is the name followed by "-secret".
/// </summary>
internal sealed class GroupsConsole : RoleInstance
{
    public const string Salt = "groups-test-salt";
    public const string AdminToken = "groups-test-admin-token-0123456789abcdef";

    private GroupsConsole(IHost host, PortalDatabase database, RedisServer redis, Uri hbsUrl)
        : base(host, ConsoleRole.Name)
    {
        Database = database;
        Redis = redis;
        HbsUrl = hbsUrl;
    }

    public PortalDatabase Database { get; }

    public RedisServer Redis { get; }

    public Uri HbsUrl { get; }

    /// <summary>Starts on fresh databases of the shared MariaDB, or on <paramref name="database"/> when given.</summary>
    public static async Task<GroupsConsole> StartAsync(PortalDatabase? database = null)
    {
        var redis = await TestServers.RedisAsync();
        database ??= await PortalDatabase.CreateAsync();
        await SeedAsync(database);
        var prefix = "groups-" + Guid.NewGuid().ToString("N")[..8];
        var hbsPort = ServerProcess.FreePort();
        string[] settings =
        [
            $"redis.connection={redis.Connection}",
            $"mysql.portal={database.Options.Portal}",
            $"mysql.uic={database.Options.Uic}",
            $"mysql.alarms={database.Options.Alarms}",
            $"hbs.rpcListen=127.0.0.1:{ServerProcess.FreePort()}",
            $"hbs.httpListen=127.0.0.1:{hbsPort}",
            "hbs.cache.refreshInterval=00:00:00.300",
            "hbs.cache.lockTtl=00:00:02",
            "hbs.cache.pollInterval=00:00:00.100",
            $"hbs.cache.keyPrefix={prefix}:cache",
            $"hbs.upgrade.keyPrefix={prefix}:upgrade",
            "console.httpListen=127.0.0.1:0",
            $"console.passwordSalt={Salt}",
            $"console.adminToken={AdminToken}",
            $"console.hbsUrl=http://127.0.0.1:{hbsPort}",
            "console.alarmUrl=http://127.0.0.1:9",
            "logging.logLevel.Default=Warning",
        ];
        RoleDescriptor[] roles = [HbsRole.Descriptor, ConsoleRole.Descriptor];
        var host = await StartHostAsync(roles, settings);
        return new GroupsConsole(host, database, redis, new Uri($"http://127.0.0.1:{hbsPort}/"));
    }

    public async Task StopAllAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }

    public async Task<long> PortalScalarAsync(string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(Database.Databases.Portal, sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<object?> ScalarAsync(Falcon.Shared.Portal.FalconDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    private static async Task SeedAsync(PortalDatabase database)
    {
        await ScalarAsync(database.Databases.Uic,
            """
            INSERT INTO `user` (id, name, passwd, role, phone, email, im) VALUES
              (1, 'alice', @alice, 0, '', '', ''), (2, 'bob', @bob, 0, '', '', ''), (3, 'root', @root, 2, '', '', '');
            """,
            ("@alice", PasswordHash.Hash(Salt, "alice-secret")), ("@bob", PasswordHash.Hash(Salt, "bob-secret")), ("@root", PasswordHash.Hash(Salt, "root-secret")));
    }
}
