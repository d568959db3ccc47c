using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

[Category("Integration")]
public sealed class UpgradeCoordinatorRetryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task HostFailingEveryAttempt_IsRetriedWithBackoff_ThenMarkedFailedAndLeftAlone(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxAttempts = 3;
            o.RetryBackoff = TimeSpan.FromMinutes(1);
            o.FailurePauseRatio = 1;
        });
        UpgradeCoordinator[] hbs = [harness.CreateCoordinator(), harness.CreateCoordinator()];
        await hbs[0].PushAsync(UpgradeHarness.NewTask(), None);
        var sent = new List<TimeSpan>();
        var start = harness.Time.GetUtcNow();

        // The fork's failing agent: takes the args, fails, resets InUpgrading and keeps its old version; one heartbeat a
        // minute for an hour, alternating between the two hbs instances.
        for (var minute = 0; minute < 60; minute++)
        {
            if (await hbs[minute % 2].OnHeartbeatAsync(UpgradeHarness.Heartbeat("flaky"), None) is not null)
            {
                sent.Add(harness.Time.GetUtcNow() - start);
            }

            harness.Time.Advance(TimeSpan.FromSeconds(30));
            Assert.That(await hbs[minute % 2].OnHeartbeatAsync(UpgradeHarness.Heartbeat("flaky", inUpgrading: true), None), Is.Null);
            harness.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var status = await hbs[1].GetStatusAsync(None);
        Assert.Multiple(() =>
        {
            // Attempt 1 at 0; it fails at 1 min, backoff 1 min → attempt 2 at 2 min; fails at 3, backoff 2 → 5 min.
            Assert.That(sent, Is.EqualTo(new[] { TimeSpan.Zero, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5) }));
            Assert.That(status.Failed, Is.EqualTo(1));
            Assert.That(status.Remaining, Is.Zero);
            Assert.That(status.FailedHosts.Single().Hostname, Is.EqualTo("flaky"));
            Assert.That(status.FailedHosts.Single().Attempts, Is.EqualTo(3));
            Assert.That(status.FailedHosts.Single().Error, Does.Contain("still at version 7.0.0"));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task FailedHost_IsRetriedAfterTheTaskIsPushedAgain(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxAttempts = 1;
            o.FailurePauseRatio = 1;
        });
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);
        await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);
        harness.Time.Advance(TimeSpan.FromDays(1));
        var afterADay = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);
        var failed = (await hbs.GetStatusAsync(None)).Failed;

        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        var afterPush = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);
        var status = await hbs.GetStatusAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(afterADay, Is.Null);
            Assert.That(failed, Is.EqualTo(1));
            Assert.That(afterPush, Is.Not.Null);
            Assert.That(status.Failed, Is.Zero, "a push resets attempts and failures");
            Assert.That(status.InFlight, Is.EqualTo(1));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task SlotDeadlinePassing_CountsAsAFailedAttempt(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxAttempts = 2;
            o.SlotTimeout = TimeSpan.FromMinutes(10);
            o.RetryBackoff = TimeSpan.FromMinutes(5);
            o.FailurePauseRatio = 1;
        });
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("hung"), None);

        // A download that never finishes: InUpgrading for ever, which neither extends the slot nor gets the args again.
        for (var minute = 1; minute <= 20; minute++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.That(await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("hung", inUpgrading: true), None), Is.Null);
        }

        var status = await hbs.GetStatusAsync(None);
        // The agent gives up and reports again without InUpgrading; after the backoff it gets its second (last) attempt.
        var early = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("hung"), None);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var retried = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("hung"), None);
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        var final = await hbs.GetStatusAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(status.InFlight, Is.Zero);
            Assert.That(status.Remaining, Is.EqualTo(1), "waiting for its retry");
            Assert.That(early, Is.Null, "backing off");
            Assert.That(retried, Is.Not.Null);
            Assert.That(final.Failed, Is.EqualTo(1));
            Assert.That(final.FailedHosts.Single().Error, Is.EqualTo("no result before the slot deadline"));
        });
    }
}
