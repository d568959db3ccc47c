using Falcon.Roles.Hbs.Upgrade;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>What agents report of their failed attempts (Falcon's heartbeat extension) and how the status shows each host.</summary>
[Category("Integration")]
public sealed class UpgradeOutcomeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AgentsReasons_ShowPerHost_FailedRolledBackGivenUpInFlightAndUpgraded(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxAttempts = 2;
            o.RetryBackoff = TimeSpan.FromMinutes(1);
            o.FailurePauseRatio = 1;
        });
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        foreach (var host in new[] { "forbidden", "crashing", "slow", "good" })
        {
            Assert.That(await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat(host), None), Is.Not.Null, host);
        }

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await hbs.OnHeartbeatAsync(Report("forbidden", AgentUpgradeOutcome.Failed, "download of http://dl/bin_7.1.0 answered 403 Forbidden", harness), None);
        await hbs.OnHeartbeatAsync(Report("crashing", AgentUpgradeOutcome.RolledBack, "rolled back by the watchdog: 3 starts used up", harness), None);
        await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("good", UpgradeHarness.NewVersion), None);
        var afterFirst = await hbs.GetStatusAsync(None);

        // Second attempt for the two failing hosts, failing the same way: they are given up (hbs.upgrade.maxAttempts 2).
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        foreach (var host in new[] { "forbidden", "crashing" })
        {
            Assert.That(await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat(host), None), Is.Not.Null, host + " gets its second attempt");
        }

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await hbs.OnHeartbeatAsync(Report("forbidden", AgentUpgradeOutcome.Failed, "download of http://dl/bin_7.1.0 answered 403 Forbidden", harness), None);
        await hbs.OnHeartbeatAsync(Report("crashing", AgentUpgradeOutcome.RolledBack, "rolled back by the watchdog: 3 starts used up", harness), None);
        var afterSecond = await hbs.GetStatusAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(States(afterFirst), Is.EqualTo(new[]
            {
                "crashing rolled back 1 rolled back by the watchdog: 3 starts used up",
                "forbidden failed 1 download of http://dl/bin_7.1.0 answered 403 Forbidden",
                "slow in flight 1 ",
                "good upgraded 1 ",
            }));
            Assert.That((afterFirst.FailedAttempts, afterFirst.RolledBack, afterFirst.InFlight, afterFirst.Done), Is.EqualTo((2L, 1L, 1L, 1L)));
            Assert.That(States(afterSecond), Is.EqualTo(new[]
            {
                "crashing given up 2 rolled back by the watchdog: 3 starts used up",
                "forbidden given up 2 download of http://dl/bin_7.1.0 answered 403 Forbidden",
                "slow in flight 1 ",
                "good upgraded 1 ",
            }));
            Assert.That(afterSecond.Failed, Is.EqualTo(2));
            Assert.That(afterSecond.FailedHosts.Select(h => h.Error), Has.Some.EqualTo("download of http://dl/bin_7.1.0 answered 403 Forbidden"));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AReportArrivingAfterTheSlotTimedOut_StillReplacesHbssGuess(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxAttempts = 1;
            o.SlotTimeout = TimeSpan.FromMinutes(1);
            o.FailurePauseRatio = 1;
        });
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("late"), None);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var guessed = (await hbs.GetStatusAsync(None)).Hosts.Single();

        await hbs.OnHeartbeatAsync(Report("late", AgentUpgradeOutcome.RolledBack, "rolled back by the watchdog: no successful heartbeat by 2025-06-01 12:04:00Z", harness), None);
        var reported = (await hbs.GetStatusAsync(None)).Hosts.Single();

        Assert.Multiple(() =>
        {
            Assert.That((guessed.State, guessed.Reason), Is.EqualTo((UpgradeHostStatus.GivenUp, "no result before the slot deadline")));
            Assert.That((reported.State, reported.Reason), Is.EqualTo((UpgradeHostStatus.GivenUp, "rolled back by the watchdog: no successful heartbeat by 2025-06-01 12:04:00Z")));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AReportForAnotherVersionOrAnEarlierTask_IsIgnored(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o => o.FailurePauseRatio = 1);
        var hbs = harness.CreateCoordinator();
        var earlier = harness.Time.GetUtcNow().ToUnixTimeMilliseconds();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        var otherVersion = Report("a", AgentUpgradeOutcome.Failed, "old news", harness);
        otherVersion.Upgrade!.Version = "7.0.5";
        var beforePush = Report("b", AgentUpgradeOutcome.Failed, "older news", harness);
        beforePush.Upgrade!.At = earlier;

        await hbs.OnHeartbeatAsync(otherVersion, None);
        await hbs.OnHeartbeatAsync(beforePush, None);
        var status = await hbs.GetStatusAsync(None);

        Assert.That(status.FailedAttempts, Is.Zero);
        Assert.That(status.Hosts.Select(h => h.State), Is.All.EqualTo(UpgradeHostStatus.InFlight));
    }

    private static AgentReportRequest Report(string host, string result, string reason, UpgradeHarness harness)
    {
        var request = UpgradeHarness.Heartbeat(host);
        // The agent spells the version its own way: 7.1 is the task's 7.1.0.
        request.Upgrade = new AgentUpgradeOutcome { Version = "7.1", Result = result, Reason = reason, At = harness.Time.GetUtcNow().ToUnixTimeMilliseconds() };
        return request;
    }

    private static string[] States(UpgradeStatus status) =>
        [.. status.Hosts.Select(h => $"{h.Hostname} {h.State} {h.Attempts} {h.Reason}")];
}
