using Falcon.Hosting;
using Falcon.Roles.Alarm;
using Falcon.Roles.ApiProxy;
using Falcon.Roles.Console;
using Falcon.Roles.Console.Auth;
using Falcon.Roles.Hbs;
using Falcon.Roles.Judge;
using Falcon.Roles.Transfer;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Integration.Servers;
using Microsoft.Extensions.Hosting;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// hbs, alarm and console in one process (as `falcon run --role all` runs them) over real Redis, MariaDB and
/// VictoriaMetrics, with a fake IM provider on loopback. uic holds two teams: ops (alice, carol) and dba (bob); the
/// portal's template 7 notifies ops (action 1) and template 8 notifies dba (action 2).
/// </summary>
internal sealed class ConsoleStack : RoleInstance
{
    public const string Salt = "console-test-salt";
    public const string AlicePassword = "alice-secret";
    public const string AdminToken = "console-test-admin-token-0123456789abcdef";

    private ConsoleStack(IHost host, PortalDatabase database, FakeProviderServer im, VictoriaMetricsServer tsdb, string prefix, Uri alarmUrl, Uri hbsUrl)
        : base(host, ConsoleRole.Name)
    {
        Database = database;
        Im = im;
        Tsdb = tsdb;
        Prefix = prefix;
        AlarmUrl = alarmUrl;
        HbsUrl = hbsUrl;
    }

    public PortalDatabase Database { get; }

    public FakeProviderServer Im { get; }

    public VictoriaMetricsServer Tsdb { get; }

    public string Prefix { get; }

    public Uri AlarmUrl { get; }

    public Uri HbsUrl { get; }

    public string Queue(int priority) => $"{Prefix}:event:p{priority}";

    public static Task<ConsoleStack> StartAsync(params string[] overrides) => StartAsync(withApiProxy: false, overrides);

    /// <summary>
    /// With <paramref name="withApiProxy"/>, apiproxy runs in the process too, over one datacenter `dc-east` (this hbs and
    /// this VictoriaMetrics), and the console reads charts through it (console.apiProxyUrl).
    /// </summary>
    public static Task<ConsoleStack> StartAsync(bool withApiProxy, params string[] overrides) => StartAsync(withApiProxy, withPipeline: false, overrides);

    /// <summary>
    /// With <paramref name="withPipeline"/>, transfer and judge run in the process too: the judge reads its rules from
    /// this hbs and pushes events onto the queues the alarm consumes, so an agent sending to
    /// <c>RpcAddressOf(TransferRole.Name)</c> completes the chain agent → transfer → judge → alarm.
    /// </summary>
    public static async Task<ConsoleStack> StartAsync(bool withApiProxy, bool withPipeline, params string[] overrides)
    {
        var redis = await TestServers.RedisAsync();
        await SignInFailures.ForgetAsync(redis);
        var tsdb = await TestServers.VictoriaMetricsAsync();
        var database = await PortalDatabase.CreateAsync();
        await SeedAsync(database);
        var im = await FakeProviderServer.StartAsync();
        var prefix = "console-" + Guid.NewGuid().ToString("N")[..8];
        var alarmPort = ServerProcess.FreePort();
        var hbsPort = ServerProcess.FreePort();
        var hbsRpcPort = ServerProcess.FreePort();
        var apiProxyPort = ServerProcess.FreePort();
        string[] apiProxy = withApiProxy
            ?
            [
                $"apiproxy.httpListen=127.0.0.1:{apiProxyPort}",
                "datacenters.0.name=dc-east",
                $"datacenters.0.hbs.0=127.0.0.1:{hbsRpcPort}",
                $"datacenters.0.queryUrl={tsdb.BaseAddress}",
                "datacenterMap.refreshInterval=00:00:00.200",
                "datacenterMap.missRefreshInterval=00:00:00",
                $"console.apiProxyUrl=http://127.0.0.1:{apiProxyPort}",
            ]
            : [];
        string[] pipeline = withPipeline
            ?
            [
                "transfer.rpcListen=127.0.0.1:0",
                "transfer.httpListen=127.0.0.1:0",
                "transfer.batchDelay=00:00:00.050",
                "judge.rpcListen=127.0.0.1:0",
                "judge.httpListen=127.0.0.1:0",
                $"judge.hbs.0=127.0.0.1:{hbsRpcPort}",
                $"judge.eventQueuePattern={prefix}:event:p%v",
            ]
            : [];
        string[] settings =
        [
            $"redis.connection={redis.Connection}",
            $"mysql.portal={database.Options.Portal}",
            $"mysql.uic={database.Options.Uic}",
            $"mysql.alarms={database.Options.Alarms}",
            $"tsdb.writeUrl={tsdb.WriteUrl}",
            $"tsdb.queryUrl={tsdb.BaseAddress}",
            $"hbs.rpcListen=127.0.0.1:{hbsRpcPort}",
            $"hbs.httpListen=127.0.0.1:{hbsPort}",
            "hbs.cache.refreshInterval=00:00:00.500",
            "hbs.cache.lockTtl=00:00:02",
            "hbs.cache.pollInterval=00:00:00.100",
            $"hbs.cache.keyPrefix={prefix}:cache",
            $"hbs.upgrade.keyPrefix={prefix}:upgrade",
            "hbs.upgrade.taskRefreshInterval=00:00:00.100",
            $"alarm.httpListen=127.0.0.1:{alarmPort}",
            $"alarm.consumer.instanceId={prefix}-a",
            $"alarm.consumer.highQueues.0={prefix}:event:p0",
            $"alarm.consumer.highQueues.1={prefix}:event:p1",
            $"alarm.consumer.lowQueues.0={prefix}:event:p3",
            $"alarm.consumer.registryKey={prefix}:consumers",
            $"alarm.consumer.deadLetterQueue={prefix}:deadletter",
            "alarm.consumer.pollInterval=00:00:00.050",
            $"alarm.routing.userSmsQueue={prefix}:/queue/user/sms",
            $"alarm.routing.userImQueue={prefix}:/queue/user/im",
            $"alarm.routing.userMailQueue={prefix}:/queue/user/mail",
            "alarm.im.provider=webhook",
            $"alarm.im.primary={im.Url("/hook")}",
            $"alarm.delivery.keyPrefix={prefix}:delivery",
            $"alarm.silences.keyPrefix={prefix}:silences",
            "alarm.silences.linkBaseUrl=https://alarm.example.com",
            "alarm.silences.linkSecret=0123456789abcdef0123456789abcdef-link-secret",
            "alarm.silences.durations=1h,4h,24h",
            "alarm.search.visibilityCacheTtl=00:00:00",
            "console.httpListen=127.0.0.1:0",
            $"console.passwordSalt={Salt}",
            $"console.adminToken={AdminToken}",
            $"console.alarmUrl=http://127.0.0.1:{alarmPort}",
            $"console.hbsUrl=http://127.0.0.1:{hbsPort}",
            "logging.logLevel.Default=Warning",
            .. apiProxy,
            .. pipeline,
            .. overrides,
        ];
        RoleDescriptor[] roles = withApiProxy
            ? [HbsRole.Descriptor, AlarmRole.Descriptor, ApiProxyRole.Descriptor, ConsoleRole.Descriptor]
            : [HbsRole.Descriptor, AlarmRole.Descriptor, ConsoleRole.Descriptor];
        if (withPipeline)
        {
            roles = [.. roles, TransferRole.Descriptor, JudgeRole.Descriptor];
        }

        var host = await StartHostAsync(roles, settings);
        return new ConsoleStack(host, database, im, tsdb, prefix, new Uri($"http://127.0.0.1:{alarmPort}/"), new Uri($"http://127.0.0.1:{hbsPort}/"));
    }

    /// <summary>Stops the roles, then the fake provider, and drops the databases.</summary>
    public async Task StopAllAsync()
    {
        await DisposeAsync();
        await Im.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Runs SQL against the alarms database.</summary>
    public async Task<object?> AlarmsScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Database.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    private static async Task SeedAsync(PortalDatabase database)
    {
        await ExecuteAsync(database.Databases.Uic,
            """
            INSERT INTO team (id, name) VALUES (1, 'ops'), (2, 'dba');
            INSERT INTO `user` (id, name, passwd, role, phone, email, im) VALUES
              (1, 'alice', @alice, 0, '', '', 'alice.im'), (2, 'carol', @carol, 0, '', '', 'carol.im'),
              (3, 'bob', @bob, 0, '', '', 'bob.im'), (4, 'root', @root, 2, '', '', 'root.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1), (1, 2), (2, 3);
            """,
            ("@alice", PasswordHash.Hash(Salt, AlicePassword)), ("@carol", PasswordHash.Hash(Salt, "carol-secret")),
            ("@bob", PasswordHash.Hash(Salt, "bob-secret")), ("@root", PasswordHash.Hash(Salt, "root-secret")));
        await ExecuteAsync(database.Databases.Portal,
            """
            INSERT INTO action (id, uic, url, callback) VALUES (1, 'ops', '', 0), (2, 'dba', '', 0);
            INSERT INTO tpl (id, tpl_name, action_id) VALUES (7, 'ops-tpl', 1), (8, 'dba-tpl', 2);
            """);
    }

    private static async Task ExecuteAsync(Falcon.Shared.Portal.FalconDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
