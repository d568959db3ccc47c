using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

[Category("Integration")]
public sealed class UpgradeCoordinatorRolloutTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task NewerAgent_IsNotDowngraded_UnlessTheTaskAllowsIt(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster);
        var hbs = harness.CreateCoordinator();
        await hbs.PushAsync(UpgradeHarness.NewTask("7.1.0"), None);

        var newer = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("newer", "7.10.0"), None);
        var older = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("older", "7.0.9@abc"), None);
        var request = UpgradeHarness.NewTask("7.1.0");
        request.AllowDowngrade = true;
        await hbs.PushAsync(request, None);
        var allowed = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("newer", "7.10.0"), None);

        Assert.Multiple(() =>
        {
            Assert.That(newer, Is.Null);
            Assert.That(older, Is.Not.Null);
            Assert.That(allowed, Is.Not.Null);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task CanaryHosts_AreUpgradedFirst_TheRestOnlyOnceEveryCanaryIsDone(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster);
        UpgradeCoordinator[] hbs = [harness.CreateCoordinator(), harness.CreateCoordinator()];
        var request = UpgradeHarness.NewTask();
        request.Canary = ["c1", "c2"];
        await hbs[0].PushAsync(request, None);

        var restBefore = await hbs[1].OnHeartbeatAsync(UpgradeHarness.Heartbeat("x"), None);
        var c1 = await hbs[1].OnHeartbeatAsync(UpgradeHarness.Heartbeat("c1"), None);
        var c2 = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("c2"), None);
        await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("c1", UpgradeHarness.NewVersion), None);
        var restWithOneCanaryLeft = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("x"), None);
        var phase = (await hbs[0].GetStatusAsync(None)).Phase;
        await hbs[1].OnHeartbeatAsync(UpgradeHarness.Heartbeat("c2", UpgradeHarness.NewVersion), None);
        var restAfter = await hbs[1].OnHeartbeatAsync(UpgradeHarness.Heartbeat("x"), None);
        var status = await hbs[0].GetStatusAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(restBefore, Is.Null);
            Assert.That(c1, Is.Not.Null);
            Assert.That(c2, Is.Not.Null);
            Assert.That(restWithOneCanaryLeft, Is.Null);
            Assert.That(phase, Is.EqualTo("canary"));
            Assert.That(restAfter, Is.Not.Null);
            Assert.That(status.Phase, Is.EqualTo("rollout"));
            Assert.That(status.Done, Is.EqualTo(2));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task CanaryPercent_PicksAStableShareOfHosts_AndHoldsTheRestForTheCanaryWindow(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o => o.CanaryWindow = TimeSpan.FromMinutes(2));
        var hbs = harness.CreateCoordinator();
        var request = UpgradeHarness.NewTask();
        request.CanaryPercent = 10;
        var task = await hbs.PushAsync(request, None);
        var hosts = Enumerable.Range(0, 200).Select(i => $"host-{i:D3}").ToList();
        var canaries = hosts.Where(h => UpgradeTask.CanaryBucket(h) < 1000).ToList();

        var firstRound = new Dictionary<string, bool>();
        foreach (var host in hosts)
        {
            firstRound[host] = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat(host), None) is not null;
        }

        foreach (var host in canaries)
        {
            await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat(host, UpgradeHarness.NewVersion), None);
        }

        var restInsideWindow = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat(hosts.Except(canaries).First()), None);
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        var restAfterWindow = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat(hosts.Except(canaries).First()), None);

        Assert.Multiple(() =>
        {
            Assert.That(task.Version, Is.EqualTo(UpgradeHarness.NewVersion));
            Assert.That(canaries, Has.Count.InRange(8, 35), "about 10% of 200");
            Assert.That(firstRound.Where(kv => kv.Value).Select(kv => kv.Key), Is.EquivalentTo(canaries));
            Assert.That(restInsideWindow, Is.Null);
            Assert.That(restAfterWindow, Is.Not.Null);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TooManyFailedAttempts_PauseTheTask_UntilResumed(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster, o =>
        {
            o.MaxAttempts = 1;
            o.FailurePauseRatio = 0.2;
            o.FailurePauseMinSample = 10;
        });
        UpgradeCoordinator[] hbs = [harness.CreateCoordinator(), harness.CreateCoordinator()];
        await hbs[0].PushAsync(UpgradeHarness.NewTask(), None);

        async Task AttemptAsync(string host, bool succeeds)
        {
            Assert.That(await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat(host), None), Is.Not.Null, host);
            await hbs[1].OnHeartbeatAsync(UpgradeHarness.Heartbeat(host, succeeds ? UpgradeHarness.NewVersion : UpgradeHarness.OldVersion), None);
        }

        for (var i = 0; i < 12; i++)
        {
            await AttemptAsync($"ok-{i}", succeeds: true);
        }

        await AttemptAsync("bad-0", succeeds: false);
        await AttemptAsync("bad-1", succeeds: false);
        var runningAt2Of14 = (await hbs[0].GetStatusAsync(None)).State;
        await AttemptAsync("bad-2", succeeds: false);
        await AttemptAsync("bad-3", succeeds: false);
        var paused = await hbs[0].GetStatusAsync(None);
        harness.Time.Advance(harness.Options.TaskRefreshInterval);
        var whilePaused = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("next"), None);
        var doneWhilePaused = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("late", UpgradeHarness.NewVersion), None);

        var resumed = await hbs[1].ResumeAsync(None);
        harness.Time.Advance(harness.Options.TaskRefreshInterval);
        var afterResume = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("next"), None);
        var status = await hbs[1].GetStatusAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(runningAt2Of14, Is.EqualTo("running"));
            Assert.That(paused.State, Is.EqualTo("paused"));
            Assert.That(paused.Reason, Does.Contain("4 of 16"));
            Assert.That(paused.Failed, Is.EqualTo(4));
            Assert.That(whilePaused, Is.Null);
            Assert.That(doneWhilePaused, Is.Null);
            Assert.That(resumed, Is.True);
            Assert.That(afterResume, Is.Not.Null);
            Assert.That(status.State, Is.EqualTo("running"));
            Assert.That(status.Done, Is.EqualTo(13), "hosts finishing during the pause are still counted");
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Cancel_StopsSendingTheTask_AndClearsTheArgs(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster);
        UpgradeCoordinator[] hbs = [harness.CreateCoordinator(), harness.CreateCoordinator()];
        await hbs[0].PushAsync(UpgradeHarness.NewTask(), None);
        await hbs[1].OnHeartbeatAsync(UpgradeHarness.Heartbeat("a"), None);

        var cancelled = await hbs[0].CancelAsync(None);
        harness.Time.Advance(harness.Options.TaskRefreshInterval);
        var afterCancel = await hbs[1].OnHeartbeatAsync(UpgradeHarness.Heartbeat("b"), None);
        var args = await hbs[1].GetArgsAsync(None);
        var status = await hbs[1].GetStatusAsync(None);
        var again = await hbs[0].CancelAsync(None);

        Assert.Multiple(() =>
        {
            Assert.That(cancelled, Is.True);
            Assert.That(afterCancel, Is.Null);
            Assert.That(args.Version, Is.Empty);
            Assert.That(args.WgetUrl, Is.Empty);
            Assert.That(status.State, Is.EqualTo("cancelled"));
            Assert.That(status.InFlight, Is.Zero);
            Assert.That(again, Is.True, "cancelling a cancelled task is harmless");
        });
    }
}
