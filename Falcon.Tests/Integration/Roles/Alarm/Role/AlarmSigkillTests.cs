using System.Globalization;
using System.Text.Json;
using Falcon.Tests.Integration.Hosting;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Alarm.Role;

/// <summary>`falcon run --role alarm` as a real process, killed with SIGKILL while it drains a large backlog.</summary>
[Category("Integration")]
public sealed class AlarmSigkillTests
{
    private const int Events = 50_000;

    // COUNT(*) over the events table and counting webhook requests: a few times a second is enough.
    private static readonly TimeSpan CountInterval = TimeSpan.FromMilliseconds(250);

    [Test]
    public async Task KilledMidDrain_AfterRestart_EveryEventIsRecordedOnce_AndDelivered()
    {
        var redis = await TestServers.RedisAsync();
        await using var db = await PortalDatabase.CreateAsync();
        await SeedAsync(db);
        await using var webhook = await FakeProviderServer.StartAsync();
        var prefix = "kill-" + Guid.NewGuid().ToString("N")[..8];
        await PreloadAsync(redis.Connection, prefix);
        string[] arguments =
        [
            "run", "--role", "alarm",
            "--set", $"alarm.httpListen=127.0.0.1:{Servers.ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
            "--set", $"redis.connection={redis.Connection}",
            "--set", $"mysql.portal={db.Options.Portal}",
            "--set", $"mysql.uic={db.Options.Uic}",
            "--set", $"mysql.alarms={db.Options.Alarms}",
            "--set", $"alarm.consumer.instanceId={prefix}",
            "--set", $"alarm.consumer.highQueues.0={prefix}:event:p0",
            "--set", $"alarm.consumer.highQueues.1={prefix}:event:p1",
            "--set", $"alarm.consumer.lowQueues.0={prefix}:event:p6",
            "--set", $"alarm.consumer.registryKey={prefix}:consumers",
            "--set", $"alarm.consumer.deadLetterQueue={prefix}:deadletter",
            "--set", $"alarm.delivery.keyPrefix={prefix}:delivery",
            // Messages the killed process had claimed come back after the lease (5 minutes by default); the restarted
            // process sends them once it ends. Short here, so the test does not wait out the default.
            "--set", "alarm.delivery.claimLease=00:00:10",
            "--set", $"alarm.silences.keyPrefix={prefix}:silences",
            "--set", "alarm.im.provider=webhook",
            "--set", $"alarm.im.primary={webhook.Url("/hook")}",
            "--set", "logging.logLevel.Default=Warning",
        ];

        using (var first = ProcessShutdownTests.StartFalcon(arguments))
        {
            var output = ProcessShutdownTests.Capture(first.Process);
            await Poll.UntilAsync(async () => await RecordedAsync(db) >= 5_000, TimeSpan.FromMinutes(3), "the first process recorded part of the backlog", CountInterval);
            first.Process.Kill();
            await first.Process.WaitForExitAsync();
            Assert.That(await RecordedAsync(db), Is.LessThan(Events), "killed mid-drain:\n" + output);
        }

        var deliveredBeforeRestart = webhook.Requests.Count;
        using var second = ProcessShutdownTests.StartFalcon(arguments);
        var secondOutput = ProcessShutdownTests.Capture(second.Process);
        long recorded = 0;
        try
        {
            await Poll.UntilAsync(async () => (recorded = await RecordedAsync(db)) >= Events, TimeSpan.FromMinutes(5), "every event recorded after the restart", CountInterval);
        }
        catch (AssertionException)
        {
            Assert.Fail($"{recorded} of {Events} events recorded 5 minutes after the restart; queues: {await QueueLengthsAsync(redis.Connection, prefix)}\n{Tail(secondOutput)}");
        }

        // The request count first (cheap), then the distinct event ids (50,000 bodies to parse: not every 20 ms, or
        // the test's own parsing takes the CPU the alarm needs).
        await Poll.UntilAsync(() => Task.FromResult(webhook.RequestCount >= Events), TimeSpan.FromMinutes(5), "as many webhook requests as events", CountInterval);
        await Poll.UntilAsync(() => Task.FromResult(DeliveredEventIds(webhook).Count >= Events), TimeSpan.FromMinutes(1), "every event delivered after the restart", TimeSpan.FromSeconds(1));

        var deliveries = webhook.Requests.Count;
        Assert.Multiple(async () =>
        {
            Assert.That(await RecordedAsync(db), Is.EqualTo(Events), "events rows: each event recorded once\n" + secondOutput);
            Assert.That(DeliveredEventIds(webhook), Has.Count.EqualTo(Events), "every event reached the webhook");

            // A message on the wire when the process died cannot be known as sent; at most the sends in flight then
            // (alarm.delivery.sendConcurrency, 32) may go out twice.
            Assert.That(deliveries - Events, Is.InRange(0, 32), $"{deliveredBeforeRestart} delivered before the kill");
        });
    }

    private static async Task<string> QueueLengthsAsync(string redis, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = connection.GetDatabase();
        var lengths = new List<string>();
        var server = connection.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            var type = await db.KeyTypeAsync(key);
            var length = type switch
            {
                RedisType.List => await db.ListLengthAsync(key),
                RedisType.Hash => await db.HashLengthAsync(key),
                RedisType.SortedSet => await db.SortedSetLengthAsync(key),
                RedisType.Set => await db.SetLengthAsync(key),
                _ => -1,
            };
            lengths.Add($"{key} ({type})={length}");
        }

        return string.Join(", ", lengths);
    }

    private static string Tail(System.Text.StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 20_000 ? text : "..." + text[^20_000..];
        }
    }

    private static HashSet<string> DeliveredEventIds(FakeProviderServer webhook) =>
        webhook.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("eventId").GetString()!).ToHashSet(StringComparer.Ordinal);

    private static async Task PreloadAsync(string redis, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = connection.GetDatabase();
        // Events of now: the restarted process's retention pass (alarm.retention.records, run at start) deletes the
        // records of events older than 180 days, which would take the first process's rows with it.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var first = 0; first < Events; first += 1_000)
        {
            var pushes = Enumerable.Range(first, 1_000).Select(i =>
            {
                var id = "s_12_" + i.ToString("x32", CultureInfo.InvariantCulture);
                var judgeEvent = TestEvents.Strategy(id: id, priority: i % 2, endpoint: $"host-{i % 500:000}", eventTime: now);
                return db.ListLeftPushAsync($"{prefix}:event:p{i % 2}", TestEvents.Json(judgeEvent));
            });
            await Task.WhenAll(pushes);
        }
    }

    private static async Task<long> RecordedAsync(PortalDatabase db)
    {
        await using var connection = await db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand("SELECT COUNT(*) FROM events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task SeedAsync(PortalDatabase db)
    {
        await Routing.AlarmIntake.ExecuteAsync(db.Databases.Uic, """
            INSERT INTO team (id, name) VALUES (1, 'ops');
            INSERT INTO `user` (id, name, phone, email, im) VALUES (1, 'alice', '', '', 'alice.im');
            INSERT INTO rel_team_user (tid, uid) VALUES (1, 1);
            """);
        await Routing.AlarmIntake.ExecuteAsync(db.Databases.Portal, "INSERT INTO action (id, uic, url, callback) VALUES (1, 'ops', '', 0);");
    }
}
