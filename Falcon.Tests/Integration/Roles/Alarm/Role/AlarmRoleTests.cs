using System.Net.Http.Json;
using System.Text.Json;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Alarm.Role;

/// <summary>
/// The assembled alarm role: an event on Redis is recorded in MySQL and reaches its action's people over IM (a
/// loopback webhook), with silence buttons; a silence set through the role's own API stops that recipient only.
/// </summary>
[Category("Integration")]
public sealed class AlarmRoleTests
{
    [Test]
    public async Task EventOnRedis_IsRecorded_DeliveredOverIm_AndASilenceStopsThatRecipientOnly()
    {
        var redis = await TestServers.RedisAsync();
        await using var db = await PortalDatabase.CreateAsync();
        await SeedAsync(db);
        await using var webhook = await FakeProviderServer.StartAsync();
        var prefix = "alarm-" + Guid.NewGuid().ToString("N")[..8];
        await using var alarm = await AlarmInstance.StartAsync(redis, db, prefix, webhook.Url("/hook"));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
        var queue = connection.GetDatabase();

        var first = TestEvents.Strategy(id: "s_12_00000000000000000000000000000001", priority: 0, endpoint: "web-01");
        await queue.ListLeftPushAsync(alarm.Queue(0), TestEvents.Json(first));

        var delivered = await Poll.ForAsync(() => Task.FromResult(webhook.Requests.ToList()), r => r.Count >= 1, TimeSpan.FromSeconds(30));
        var message = JsonDocument.Parse(delivered[0].Body).RootElement;
        await Poll.UntilAsync(async () => await CountAsync(db, "SELECT COUNT(*) FROM event_cases WHERE endpoint = 'web-01'") == 1, TimeSpan.FromSeconds(30), "the case was recorded");
        Assert.Multiple(() =>
        {
            Assert.That(message.GetRawText(), Does.Contain("alice.im").And.Contain("carol.im"));
            Assert.That(message.GetRawText(), Does.Contain("/silences/link"), "an IM card carries silence buttons");
        });

        // alice silences web-01's cpu.idle through the role's API (loopback is an admin caller).
        using var http = new HttpClient { BaseAddress = alarm.HttpAddress };
        var added = await http.PostAsJsonAsync("/api/silences", new { user = "alice.im", endpoint = "web-01", counter = "cpu.idle", @for = "1h", comment = "on it" });
        Assert.That((int)added.StatusCode, Is.EqualTo(200).Or.EqualTo(201), await added.Content.ReadAsStringAsync());

        var second = TestEvents.Strategy(id: "s_12_00000000000000000000000000000002", priority: 0, endpoint: "web-01", eventTime: 1_700_000_060);
        await queue.ListLeftPushAsync(alarm.Queue(0), TestEvents.Json(second));
        var after = await Poll.ForAsync(() => Task.FromResult(webhook.Requests.ToList()), r => r.Count >= 2, TimeSpan.FromSeconds(30));
        var secondBody = after[1].Body;
        Assert.Multiple(() =>
        {
            Assert.That(secondBody, Does.Contain("carol.im"), "carol did not silence it");
            Assert.That(secondBody, Does.Not.Contain("alice.im"), "alice silenced it");
        });
    }

    private static async Task SeedAsync(PortalDatabase db)
    {
        await Routing.AlarmIntake.ExecuteAsync(db.Databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops');
            INSERT INTO `user` (id, name, phone, email, im) VALUES (1, 'alice', '', '', 'alice.im'), (2, 'carol', '', '', 'carol.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1), (1, 2);
            """);
        await Routing.AlarmIntake.ExecuteAsync(db.Databases.Portal, "INSERT INTO action (id, uic, url, callback) VALUES (1, 'ops', '', 0);");
    }

    private static async Task<long> CountAsync(PortalDatabase db, string sql)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
