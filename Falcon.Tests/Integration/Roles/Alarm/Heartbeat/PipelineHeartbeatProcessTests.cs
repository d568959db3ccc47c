using System.Net;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Roles.Alarm.Role;
using Falcon.Tests.Integration.Roles.Judge;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Alarm.Heartbeat;

/// <summary>
/// The dead-man's switch end to end: a real judge role sends heartbeats through Redis to a real alarm role; when the
/// judge stops, the alarm's /health names the silence and the fallback receiver (a loopback webhook) hears of it once,
/// and once more when a judge comes back.
/// </summary>
[Category("Integration")]
public sealed class PipelineHeartbeatProcessTests
{
    [Test]
    public async Task JudgeStopped_AlarmHealthNamesTheSilence_AndTheFallbackGetsOneMessage_ThenTheRecovery()
    {
        var redis = await TestServers.RedisAsync();
        await using var db = await PortalDatabase.CreateAsync();
        await using var im = await FakeProviderServer.StartAsync();
        await using var fallback = await FakeProviderServer.StartAsync();
        var prefix = JudgeRoleTests.Name("hb");
        var noHbs = $"127.0.0.1:{ServerProcess.FreePort()}";
        string[] judgeSettings = ["judge.heartbeat.interval=00:00:00.200", "judge.heartbeat.name=judge-x", "judge.nodata.enabled=false"];

        // The judge first: its heartbeats wait on the queue until the alarm consumes them.
        var judge = await JudgeInstance.StartAsync(redis, noHbs, $"{prefix}:event:p%v", judgeSettings);
        await using var alarm = await AlarmInstance.StartAsync(
            redis,
            db,
            prefix,
            im.Url("im"),
            "alarm.heartbeat.maxSilence=00:00:03",
            "alarm.heartbeat.checkInterval=00:00:00.100",
            $"alarm.heartbeat.key={prefix}:heartbeat",
            $"alarm.heartbeat.fallbackUrl={fallback.Url("hook/secret-token")}");
        using var http = new HttpClient { BaseAddress = alarm.HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await Poll.UntilAsync(
                async () => (await HealthAsync(http, "/health?verbose")).Body.Contains("pipeline-heartbeat: Healthy: 1 judge(s)", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30),
                "the alarm heard judge-x");
            Assert.That(fallback.RequestCount, Is.Zero, "nothing to tell while the judge runs");
        }
        finally
        {
            await judge.DisposeAsync();
        }

        var silent = await Poll.ForAsync(() => HealthAsync(http, "/health"), h => h.Code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));
        var told = await Poll.ForAsync(() => Task.FromResult(fallback.Requests.ToList()), r => r.Count >= 1, TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(silent.Body, Does.Contain("pipeline-heartbeat").And.Contain($"judge-x (on {prefix}:event:p0) silent for"));
            Assert.That(told[0].PathAndQuery, Is.EqualTo("/hook/secret-token"));
            Assert.That(told[0].Body, Does.Contain("\"status\":\"PROBLEM\""));
        });

        await using (await JudgeInstance.StartAsync(redis, noHbs, $"{prefix}:event:p%v", judgeSettings))
        {
            await Poll.ForAsync(() => HealthAsync(http, "/health"), h => h.Code == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
            var all = await Poll.ForAsync(() => Task.FromResult(fallback.Requests.ToList()), r => r.Count >= 2, TimeSpan.FromSeconds(30));
            var recorded = await db.ScalarAsync("SELECT COUNT(*) FROM " + db.Databases.Alarms.Name + ".event_cases");
            Assert.Multiple(() =>
            {
                Assert.That(all, Has.Count.EqualTo(2), "one message for the silence, one for the recovery");
                Assert.That(all[1].Body, Does.Contain("\"status\":\"OK\""));
                Assert.That(im.RequestCount, Is.Zero, "heartbeats reach no one through the normal channels");
                Assert.That(recorded, Is.EqualTo(0L), "heartbeats are not recorded");
            });
        }
    }

    private static async Task<(HttpStatusCode Code, string Body)> HealthAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
