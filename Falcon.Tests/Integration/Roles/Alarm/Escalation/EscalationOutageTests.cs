using Falcon.Roles.Alarm.Escalation;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Roles.Alarm.Role;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Agent.Upgrade;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Alarm.Escalation;

/// <summary>The escalation loop on its own MariaDB, which the test kills: the failed scan is logged, the loop lives on, and the next scan after MySQL is back sends the step.</summary>
[Category("Integration")]
public sealed class EscalationOutageTests
{
    [Test]
    public async Task MySqlAwayDuringAScan_IsLoggedAndRetried_WithoutStoppingTheLoop()
    {
        var redis = await TestServers.RedisAsync();
        await using var mariadb = await MariaDbServer.StartAsync(CancellationToken.None);
        await using var db = await PortalDatabase.CreateAsync(mariadb);
        // This server is killed below: make every commit durable first (the test servers flush the log once a second,
        // so the seed committed just before the kill could vanish, leaving no action to escalate).
        await Falcon.Tests.Integration.Roles.Alarm.Routing.AlarmIntake.ExecuteAsync(db.Databases.Alarms, "SET GLOBAL innodb_flush_log_at_trx_commit = 1");
        await EscalationSeed.ApplyAsync(db);
        await using var im = await FakeProviderServer.StartAsync();
        var prefix = "esc-out-" + Guid.NewGuid().ToString("N")[..8];
        await using var alarm = await AlarmInstance.StartAsync(
            redis, db, prefix, im.Url("/hook"), "alarm.escalation.enabled=false", $"alarm.escalation.keyPrefix={prefix}:escalation");

        // The role's scanner driven by a loop of the test's own, on a fake clock.
        using var logs = new RecordingLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var interval = TimeSpan.FromSeconds(30);
        using var loop = new EscalationService(
            alarm.Services.GetRequiredService<EscalationScanner>(), alarm.Services.GetRequiredService<EscalationMetrics>(),
            Options.Create(new EscalationOptions { ScanInterval = interval }), time, loggers.CreateLogger<EscalationService>());
        await loop.StartAsync(CancellationToken.None);
        try
        {
            await mariadb.KillAsync();
            await Poll.UntilAsync(() =>
            {
                time.Advance(interval);
                return Task.FromResult(logs.Messages.Any(m => m.Contains("alarm escalation scan failed", StringComparison.Ordinal)));
            }, TimeSpan.FromSeconds(90), "a logged scan failure", TimeSpan.FromMilliseconds(500));

            await mariadb.RestartAsync();
            // 31 minutes before the loop's clock, which the polls above moved ahead of the wall clock (by more than the
            // escalation's one-hour lateness limit on a slow run, which made the case too old to escalate).
            var ahead = (time.GetUtcNow() - DateTimeOffset.UtcNow).TotalMinutes;
            await EscalationSeed.CaseAsync(db, "s_12_00000000000000000000000000e5c0aa", "web-outage", minutesAgo: 31 + ahead);
            // Advanced by hand rather than with Poll, so a failure can say what the loop logged meanwhile.
            var logged = logs.Messages.Count;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            while (im.RequestCount == 0 && DateTime.UtcNow < deadline)
            {
                time.Advance(interval);
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            Assert.That(im.RequestCount, Is.GreaterThan(0), () => "no escalation after MySQL came back; the loop logged: " + string.Join(" | ", logs.Messages.Skip(logged).Take(20)));
            Assert.Multiple(() =>
            {
                Assert.That(loop.ExecuteTask!.IsCompleted, Is.False, "the loop is still running");
                Assert.That(im.Requests[0].Body, Does.Contain("web-outage").And.Contain("carol.im"));
            });
        }
        finally
        {
            await loop.StopAsync(CancellationToken.None);
        }
    }
}
