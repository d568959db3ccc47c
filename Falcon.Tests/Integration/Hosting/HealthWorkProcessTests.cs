using System.Globalization;
using System.Net;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Hosting;

/// <summary>
/// /health of a real `falcon run` beyond Redis and the TSDB: MySQL going away (a dedicated mariadbd, killed and started
/// again on its data), and an alarm event MySQL refuses for good (dead-lettered: /health fails for the configured
/// window, then is ok again by itself).
/// </summary>
[Category("Integration")]
public sealed class HealthWorkProcessTests
{
    [Test]
    public async Task Health_Turns503NamingMySql_WithinSecondsOfItGoingAway_AndOkWhenItIsBack()
    {
        var redis = await TestServers.RedisAsync();
        await using var mariadb = await MariaDbServer.StartAsync(CancellationToken.None);
        await using var db = await PortalDatabase.CreateAsync(mariadb);
        var http = ServerProcess.FreePort();
        var prefix = "hw-" + Guid.NewGuid().ToString("N")[..8];
        using var falcon = ProcessShutdownTests.StartFalcon(
            "run", "--role", "hbs",
            "--set", $"hbs.rpcListen=127.0.0.1:{ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
            "--set", $"hbs.httpListen=127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}",
            "--set", $"hbs.cache.keyPrefix={prefix}",
            "--set", $"redis.connection={redis.Connection}",
            "--set", $"mysql.portal={db.Options.Portal}",
            "--set", $"mysql.uic={db.Options.Uic}",
            "--set", $"mysql.alarms={db.Options.Alarms}",
            "--set", "host.healthTimeout=00:00:01",
            "--set", "host.healthCacheFor=00:00:00.500");
        var output = ProcessShutdownTests.Capture(falcon.Process);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var hbs = new Uri($"http://127.0.0.1:{http}");

        await Poll.ForAsync(() => StatusAsync(client, hbs, "/health"), s => s.Code == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        var verbose = await StatusAsync(client, hbs, "/health?verbose");

        await mariadb.KillAsync();
        var started = DateTime.UtcNow;
        var down = await Poll.ForAsync(() => StatusAsync(client, hbs, "/health"), s => s.Code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
        var noticedAfter = DateTime.UtcNow - started;
        var live = await StatusAsync(client, hbs, "/health/live");

        await mariadb.RestartAsync();
        var back = await Poll.ForAsync(() => StatusAsync(client, hbs, "/health"), s => s.Code == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(verbose.Body, Does.Contain("mysql: Healthy").And.Contain("hbs.hostwriter: Healthy").And.Contain("hbs.deadletters: Healthy"));
            Assert.That(down.Body, Does.Contain("mysql: Unhealthy"), output.ToString());
            Assert.That(noticedAfter, Is.LessThan(TimeSpan.FromSeconds(15)));
            Assert.That(live.Code, Is.EqualTo(HttpStatusCode.OK), "/health/live does not follow MySQL");
            Assert.That(back.Body, Is.EqualTo("ok"));
        });
    }

    [Test]
    public async Task AnEventMySqlRefuses_MakesAlarmHealth503NamingTheDeadLetter_ThenOkAfterTheWindow()
    {
        var redis = await TestServers.RedisAsync();
        await using var db = await PortalDatabase.CreateAsync();
        var http = ServerProcess.FreePort();
        var prefix = "hd-" + Guid.NewGuid().ToString("N")[..8];
        using var falcon = ProcessShutdownTests.StartFalcon(AlarmArguments(redis, db, http, prefix, "--set", "host.healthDeadLetterWindow=00:00:04"));
        var output = ProcessShutdownTests.Capture(falcon.Process);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var alarm = new Uri($"http://127.0.0.1:{http}");
        await Poll.ForAsync(() => StatusAsync(client, alarm, "/health"), s => s.Code == HttpStatusCode.OK, TimeSpan.FromSeconds(60));

        // A TIMESTAMP column ends in January 2038: MySQL refuses this event however often it is retried.
        var poison = TestEvents.Strategy(id: "s_12_" + Guid.NewGuid().ToString("N"), actionId: 0) with { EventTime = 4_000_000_000 };
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Connection))
        {
            await connection.GetDatabase().ListLeftPushAsync($"{prefix}:event:p0", TestEvents.Json(poison));
        }

        var failing = await Poll.ForAsync(() => StatusAsync(client, alarm, "/health"), s => s.Code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        var healed = await Poll.ForAsync(() => StatusAsync(client, alarm, "/health"), s => s.Code == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(failing.Body, Does.Contain("alarm.deadletters: Unhealthy: 1 item(s) dead-lettered").And.Contain("alarm.record: 1"), output.ToString());
            Assert.That(failing.Body, Does.Not.Contain("mysql").And.Not.Contain("redis"), "only the dead letter fails");
            Assert.That(healed.Body, Is.EqualTo("ok"));
        });
    }

    internal static string[] AlarmArguments(RedisServer redis, PortalDatabase db, int http, string prefix, params string[] more) =>
    [
        "run", "--role", "alarm",
        "--set", $"alarm.httpListen=127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}",
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
        "--set", $"alarm.silences.keyPrefix={prefix}:silences",
        "--set", "host.healthTimeout=00:00:01",
        "--set", "host.healthCacheFor=00:00:00.500",
        .. more,
    ];

    private static async Task<(HttpStatusCode Code, string Body)> StatusAsync(HttpClient http, Uri server, string path)
    {
        using var response = await http.GetAsync(new Uri(server, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
