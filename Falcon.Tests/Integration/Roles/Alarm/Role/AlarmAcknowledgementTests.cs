using System.Globalization;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Alarm.Role;

/// <summary>
/// An acknowledged case (event_cases.process_status "in progress", as the console and open-falcon's api write it)
/// stops repeating PROBLEM notifications; its recovery is still sent and ends the acknowledgement, a new case still
/// notifies, and withdrawing the acknowledgement brings the repeats back.
/// </summary>
[Category("Integration")]
public sealed class AlarmAcknowledgementTests
{
    private const string Acked = "s_12_0000000000000000000000000000ac01";
    private const string Other = "s_12_0000000000000000000000000000ac02";

    [Test]
    public async Task AcknowledgedCase_StopsRepeats_WhileANewCaseAndTheRecoveryStillNotify()
    {
        var redis = await TestServers.RedisAsync();
        await using var db = await PortalDatabase.CreateAsync();
        await Routing.AlarmIntake.ExecuteAsync(db.Databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops');
            INSERT INTO `user` (id, name, phone, email, im) VALUES (1, 'alice', '', '', 'alice.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1);
            """);
        await Routing.AlarmIntake.ExecuteAsync(db.Databases.Portal, "INSERT INTO action (id, uic, url, callback) VALUES (1, 'ops', '', 0);");
        await using var webhook = await FakeProviderServer.StartAsync();
        var prefix = "ack-" + Guid.NewGuid().ToString("N")[..8];
        await using var alarm = await AlarmInstance.StartAsync(redis, db, prefix, webhook.Url("/hook"));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var queue = connection.GetDatabase();
        var t0 = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        async Task PushAsync(string id, int step, long at, string status = JudgeEventStatus.Problem, string endpoint = "web-ack") =>
            await queue.ListLeftPushAsync(alarm.Queue(0), TestEvents.Json(TestEvents.Strategy(id: id, endpoint: endpoint, currentStep: step, eventTime: at, status: status)));
        async Task<int> SentAsync(int count) => (await Poll.ForAsync(() => Task.FromResult(webhook.RequestCount), n => n >= count, TimeSpan.FromSeconds(30)));

        await PushAsync(Acked, 1, t0);
        await SentAsync(1);
        await AcknowledgeAsync(db, Acked);

        // Step 2 of the acknowledged case is recorded (and routed: the batch is done) but sends nothing ...
        await PushAsync(Acked, 2, t0 + 60);
        await Poll.UntilAsync(async () => await ScalarAsync(db, $"SELECT COUNT(*) FROM events WHERE event_caseId = '{Acked}'") == 2, TimeSpan.FromSeconds(30), "step 2 recorded");
        // ... while a new case, pushed after it, is sent.
        await PushAsync(Other, 1, t0 + 61, endpoint: "web-other");
        await SentAsync(2);
        Assert.That(webhook.Requests[1].Body, Does.Contain("web-other"), "the second message is the new case's, not the acknowledged repeat");

        // The recovery is sent and ends the acknowledgement; the next PROBLEM of that counter notifies again.
        await PushAsync(Acked, 1, t0 + 120, JudgeEventStatus.Ok);
        await SentAsync(3);
        Assert.That(webhook.Requests[2].Body, Does.Contain("web-ack"), "the recovery is sent");
        Assert.That(await StatusAsync(db, Acked), Is.EqualTo("unresolved"), "a recovered case is no longer acknowledged");

        await PushAsync(Acked, 1, t0 + 180);
        await SentAsync(4);
        await AcknowledgeAsync(db, Acked);
        await Routing.AlarmIntake.ExecuteAsync(db.Databases.Alarms, $"UPDATE event_cases SET process_status = 'unresolved' WHERE id = '{Acked}'");
        await PushAsync(Acked, 2, t0 + 240);
        await SentAsync(5);
        Assert.That(webhook.Requests[4].Body, Does.Contain("web-ack"), "withdrawn: the repeat is sent again");
    }

    private static Task AcknowledgeAsync(PortalDatabase db, string id) =>
        Routing.AlarmIntake.ExecuteAsync(db.Databases.Alarms, $"UPDATE event_cases SET process_status = 'in progress' WHERE id = '{id}'");

    private static async Task<string> StatusAsync(PortalDatabase db, string id)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand($"SELECT process_status FROM event_cases WHERE id = '{id}'", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> ScalarAsync(PortalDatabase db, string sql)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
