using System.Net;
using Falcon.Roles.Alarm.Search;
using Falcon.Shared.Portal;
using Falcon.Tests.Integration.Shared.Portal;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Alarm.Search;

/// <summary>
/// The alarm search routes in a minimal app on a real Kestrel (loopback, free port) over fresh uic, falcon_portal and
/// alarms databases on the test MariaDB, seeded with two teams' users, actions, templates, an expression and cases.
/// </summary>
internal sealed class AlarmSearchInstance : IAsyncDisposable
{
    public const string AdminToken = "search-admin-token-0123456789abcdef0123";
    public const string AliceSig = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string BobSig = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string DaveExpiredSig = "dddddddddddddddddddddddddddddddd";
    public const string EveBlockedSig = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
    public const string FrankNoTeamSig = "ffffffffffffffffffffffffffffffff";

    /// <summary>Case times: the newest case is updated at Base + 400 s.</summary>
    public static readonly long Base = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;

    private readonly AdminApp _app;

    private AlarmSearchInstance(AdminApp app, PortalDatabase database)
    {
        _app = app;
        Database = database;
    }

    public PortalDatabase Database { get; }

    public Uri Address => _app.Address;

    public static async Task<AlarmSearchInstance> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await PortalDatabase.CreateAsync();
        await SeedAsync(database.Databases);
        var configuration = new Dictionary<string, string?>
        {
            ["mysql:portal"] = database.Options.Portal,
            ["mysql:uic"] = database.Options.Uic,
            ["mysql:alarms"] = database.Options.Alarms,
            ["alarm:search:defaultLimit"] = "50",
            ["alarm:search:maxLimit"] = "100",
        };
        var app = await AdminApp.StartAsync(
            AdminToken,
            configuration,
            settings,
            IPAddress.Loopback,
            static services => services.AddAlarmSearch(),
            static app => app.MapAlarmSearchRoutes());
        return new AlarmSearchInstance(app, database);
    }

    /// <summary>A client sending open-falcon's Apitoken header for <paramref name="user"/>, or the admin token, or nothing.</summary>
    public HttpClient Client(string? user = null, string? sig = null, string? bearer = null)
    {
        var client = _app.Client(bearer);
        if (user is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Apitoken", $$"""{"name":"{{user}}","sig":"{{sig}}"}""");
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Database.DisposeAsync();
    }

    private static async Task SeedAsync(FalconDatabases databases)
    {
        var live = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 86_400;
        var dead = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        await Execute(databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops'), (2, 'dba'), (3, 'web');
            INSERT INTO user (id, name, role) VALUES (1, 'alice', 0), (2, 'bob', 0), (4, 'dave', 0), (5, 'eve', -1), (6, 'frank', 0);
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1), (2, 2), (3, 2), (1, 4), (1, 5);
            """);
        await Execute(
            databases.Uic,
            "INSERT INTO session (uid, sig, expired) VALUES (1, @alice, @live), (2, @bob, @live), (4, @dave, @dead), (5, @eve, @live), (6, @frank, @live)",
            ("@alice", AliceSig), ("@bob", BobSig), ("@dave", DaveExpiredSig), ("@eve", EveBlockedSig), ("@frank", FrankNoTeamSig), ("@live", live), ("@dead", dead));
        await Execute(databases.Portal, """
            INSERT INTO action (id, uic) VALUES (1, 'ops'), (2, 'other, DBA'), (3, '');
            INSERT INTO tpl (id, tpl_name, action_id) VALUES (10, 'ops-tpl', 1), (20, 'dba-tpl', 2), (30, 'orphan-tpl', 0), (40, 'silent-tpl', 3);
            INSERT INTO expression (id, expression, action_id) VALUES (5, 'each(metric=mysql.slave endpoint=db-2)', 2), (6, 'each(metric=x)', 1);
            """);
        // id, endpoint, metric, priority, status, begun, updated, template, expression, note
        (string, string, string, int, string, long, long, long, long, string)[] cases =
        [
            ("s_1_aaa", "web-1", "cpu.idle", 0, "PROBLEM", Base, Base + 400, 10, 0, "cpu idle too low"),
            ("s_1_bbb", "web-2", "cpu.idle/core=1", 1, "OK", Base + 100, Base + 300, 10, 0, "per core 50% idle"),
            ("s_2_ccc", "db-1", "mysql.alive", 1, "PROBLEM", Base + 50, Base + 200, 20, 0, "mysql is down"),
            ("e_5_ddd", "db-2", "mysql.slave", 2, "OK", Base + 20, Base + 100, 0, 5, "replica lag"),
            ("s_3_eee", "web-3", "df.bytes.free.percent/mount=/", 3, "PROBLEM", Base + 10, Base + 50, 30, 0, "no action"),
        ];
        foreach (var (id, endpoint, metric, priority, status, begun, updated, template, expression, note) in cases)
        {
            await Execute(
                databases.Alarms,
                """
                INSERT INTO event_cases (id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, `timestamp`, update_at,
                  tpl_creator, expression_id, strategy_id, template_id)
                VALUES (@id, @endpoint, @metric, 'all(#3)', '5 < 10', @note, 3, 2, @priority, @status, FROM_UNIXTIME(@begun), FROM_UNIXTIME(@updated),
                  'root', @expression, @strategy, @template)
                """,
                ("@id", id), ("@endpoint", endpoint), ("@metric", metric), ("@note", note), ("@priority", priority), ("@status", status),
                ("@begun", begun), ("@updated", updated), ("@expression", expression), ("@strategy", template == 0 ? 0 : 1), ("@template", template));
        }

        await Execute(databases.Alarms, """
            INSERT INTO events (event_caseId, step, cond, status, `timestamp`) VALUES
              ('s_1_aaa', 1, '5 < 10', 0, FROM_UNIXTIME(@a)), ('s_1_aaa', 2, '4 < 10', 0, FROM_UNIXTIME(@b)),
              ('s_2_ccc', 1, '0 == 0', 0, FROM_UNIXTIME(@c))
            """, ("@a", Base), ("@b", Base + 400), ("@c", Base + 50));
    }

    private static async Task Execute(FalconDatabase database, string sql, params (string Name, object? Value)[] parameters)
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
