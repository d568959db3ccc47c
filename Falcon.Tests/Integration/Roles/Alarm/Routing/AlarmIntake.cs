using Falcon.Roles.Alarm.Records;
using Falcon.Roles.Alarm.Routing;
using Falcon.Tests.Integration.Roles.Alarm.Consumption;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Alarm.Routing;

/// <summary>
/// The alarm role's intake wired as the role wires it, on a real Redis and MariaDB: consumer → recorder → routing →
/// a recording dispatcher. The directory holds teams ops (alice, bob) and dba (bob, carol); action 1 names both teams
/// and the group chat "chat-ops"; action 2 has only ops and a callback to the url given on creation.
/// </summary>
internal sealed class AlarmIntake : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private AlarmIntake(ConsumerHarness harness, PortalDatabase db, RoutingOptions routing)
    {
        Harness = harness;
        Db = db;
        Routing = routing;
        var routingOptions = Options.Create(routing);
        Directory = new RecipientDirectory(db.Databases, routingOptions, TimeProvider.System, NullLogger<RecipientDirectory>.Instance);
        Notifications = new NotificationQueue(harness.Redis, routingOptions, Options.Create(harness.Options("a")));
        Callbacks = new CallbackInvoker(_http, routingOptions, NullLogger<CallbackInvoker>.Instance);
        Combiner = new LowPriorityCombiner(harness.Redis, Notifications, Dispatcher, [], routingOptions, TimeProvider.System, NullLogger<LowPriorityCombiner>.Instance);
    }

    public ConsumerHarness Harness { get; }

    public PortalDatabase Db { get; }

    public RoutingOptions Routing { get; }

    public RecordingDispatcher Dispatcher { get; } = new();

    public RecipientDirectory Directory { get; }

    public NotificationQueue Notifications { get; }

    public CallbackInvoker Callbacks { get; }

    public LowPriorityCombiner Combiner { get; }

    public static async Task<AlarmIntake> CreateAsync(bool cluster, string callbackUrl = "")
    {
        var harness = await ConsumerHarness.CreateAsync(cluster);
        var db = await PortalDatabase.CreateAsync();
        var routing = new RoutingOptions
        {
            Dashboard = "http://dash",
            UserSmsQueue = harness.Prefix + ":/queue/user/sms",
            UserImQueue = harness.Prefix + ":/queue/user/im",
            UserMailQueue = harness.Prefix + ":/queue/user/mail",
        };
        var intake = new AlarmIntake(harness, db, routing);
        await intake.SeedAsync(callbackUrl);
        return intake;
    }

    /// <summary>A handler for one consumer instance, as the role builds it.</summary>
    public AlarmEventHandler Handler() => new(
        new EventRecorder(Db.Databases, NullLogger<EventRecorder>.Instance),
        new EventRouting(Directory, new EventRouter(Options.Create(Routing)), []),
        Callbacks,
        Notifications,
        Dispatcher,
        [],
        NullLogger<AlarmEventHandler>.Instance);

    public async Task<long> CountAsync(string alarmsSql)
    {
        await using var connection = await Db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand(alarmsSql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(Falcon.Shared.Portal.FalconDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Entries left in the combiner's lists and this instance's combining lists.</summary>
    public async Task<long> CombinerListsAsync()
    {
        long total = 0;
        foreach (var channel in NotificationQueue.Channels)
        {
            total += await Harness.LengthAsync(Notifications.QueueOf(channel));
            total += await Harness.LengthAsync(Notifications.CombiningKey(channel, Notifications.InstanceId));
        }

        return total;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Combiner.StopAsync(CancellationToken.None);
        Combiner.Dispose();
        Callbacks.Dispose();
        Directory.Dispose();
        _http.Dispose();
        await Db.DisposeAsync();
    }

    private async Task SeedAsync(string callbackUrl)
    {
        await ExecuteAsync(Db.Databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops'), (2, 'dba');
            INSERT INTO `user` (id, name, phone, email, im) VALUES
              (1, 'alice', '13800000001', 'alice@example.com', 'alice.im'),
              (2, 'bob', '13800000002', 'bob@example.com', ''),
              (3, 'carol', '', 'carol@example.com', 'carol.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1), (1, 2), (2, 2), (2, 3);
            """);
        await ExecuteAsync(Db.Databases.Portal, $"""
            INSERT INTO action (id, uic, url, callback, after_callback_sms) VALUES (1, 'ops,dba', '', 0, 0), (2, 'ops', '{callbackUrl}', 1, 1);
            INSERT INTO action_im_group (action_id, chat) VALUES (1, 'chat-ops');
            """);
    }
}
