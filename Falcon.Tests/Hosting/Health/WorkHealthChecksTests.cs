using Falcon.Hosting.Health;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Hosting.Health;

public sealed class WorkHealthChecksTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public async Task DeadLetters_FailNamingTheStage_ForTheWindowOnly_AndOnlyForTheirRole()
    {
        var tally = new DeadLetterTally(_time);
        var alarm = new DeadLetterHealthCheck(tally, "alarm.", TimeSpan.FromMinutes(15), "`falcon alarm failed` lists them");
        var hbs = new DeadLetterHealthCheck(tally, "hbs.", TimeSpan.FromMinutes(15), "see the hbs log");
        Assert.That((await CheckAsync(alarm)).Status, Is.EqualTo(HealthStatus.Healthy));

        tally.Add("alarm.record");
        _time.Advance(TimeSpan.FromMinutes(14));
        var failing = await CheckAsync(alarm);
        var other = await CheckAsync(hbs);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var after = await CheckAsync(alarm);

        Assert.Multiple(() =>
        {
            Assert.That(failing.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(failing.Description, Does.Contain("1 item(s) dead-lettered in the last 15m00s").And.Contain("alarm.record: 1").And.Contain("falcon alarm failed"));
            Assert.That(other.Status, Is.EqualTo(HealthStatus.Healthy), "an alarm dead letter is not hbs's");
            Assert.That(after.Status, Is.EqualTo(HealthStatus.Healthy), after.Description);
        });
    }

    [Test]
    public async Task Stall_FailsNamingTheWorker_OnlyOnceItHasBeenOnOneUnitLongerThanTheThreshold()
    {
        var progress = new WorkProgress(_time);
        var check = new StallHealthCheck(progress, "alarm.worker.", "event workers", TimeSpan.FromMinutes(2));
        progress.Started("alarm.worker.3");
        progress.Started("alarm.worker.4");
        progress.Started("transfer.sender.0");
        _time.Advance(TimeSpan.FromMinutes(1));
        progress.Finished("alarm.worker.4");
        progress.Started("alarm.worker.4");
        var early = await CheckAsync(check);
        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(10));
        var stuck = await CheckAsync(check);
        progress.Finished("alarm.worker.3");
        var moving = await CheckAsync(check);

        Assert.Multiple(() =>
        {
            Assert.That(early.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(stuck.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(stuck.Description, Does.Contain("alarm.worker.3 for 2m10s").And.Not.Contain("alarm.worker.4").And.Not.Contain("transfer"));
            Assert.That(moving.Status, Is.EqualTo(HealthStatus.Healthy), "worker 4 started its unit a minute later");
        });
    }

    [Test]
    public void StartedIfIdle_KeepsTheFirstFailureTime_UntilFinished()
    {
        var progress = new WorkProgress(_time);
        progress.StartedIfIdle("hbs.hostwriter");
        _time.Advance(TimeSpan.FromMinutes(3));
        progress.StartedIfIdle("hbs.hostwriter");

        Assert.That(progress.BusyLongerThan("hbs.", TimeSpan.FromMinutes(2)).Select(static b => b.For), Is.EqualTo(new[] { TimeSpan.FromMinutes(3) }));
        progress.Finished("hbs.hostwriter");
        Assert.That(progress.BusyLongerThan("hbs.", TimeSpan.Zero), Is.Empty);
    }

    [TestCase(null, HealthStatus.Healthy, "not measured yet")]
    [TestCase(50_000L, HealthStatus.Healthy, "50,000 waiting (at most 50,000)")]
    [TestCase(50_001L, HealthStatus.Unhealthy, "judge events: 50,001 waiting, more than 50,000")]
    public async Task Backlog_FailsOnlyAboveItsThreshold(long? depth, HealthStatus expected, string text)
    {
        var result = await CheckAsync(new BacklogHealthCheck("judge events", () => depth, 50_000));

        Assert.That(result.Status, Is.EqualTo(expected));
        Assert.That(result.Description, Does.Contain(text));
    }

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());
}
