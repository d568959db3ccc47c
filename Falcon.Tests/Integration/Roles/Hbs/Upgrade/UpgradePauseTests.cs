using System.CommandLine;
using System.Net;
using Falcon.Cli;
using Falcon.Cli.Upgrade;
using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Integration.Roles.Hbs.Upgrade;

/// <summary>
/// Pausing a task by hand: a paused task hands no new upgrade to agents (on every hbs at once), agents already
/// upgrading finish and are counted, and a resumed task continues. Through the coordinator, hbs's route and the CLI.
/// </summary>
[Category("Integration")]
public sealed class UpgradePauseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task PausedTask_HandsNoNewUpgrade_WhileAgentsUpgradingFinish_UntilResumed(bool cluster)
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster);
        UpgradeCoordinator[] hbs = [harness.CreateCoordinator(), harness.CreateCoordinator()];
        await hbs[0].PushAsync(UpgradeHarness.NewTask(), None);
        var busy = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("busy"), None);

        var paused = await hbs[1].PauseAsync("paused by alice", None);
        // hbs 0 has not re-read the task (no refresh interval passed): the decision in Redis refuses the slot anyway.
        var oldWhilePaused = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("old"), None);
        var busyUpgrading = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("busy", inUpgrading: true), None);
        await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("busy", UpgradeHarness.NewVersion), None);
        harness.Time.Advance(harness.Options.TaskRefreshInterval);
        var oldStillPaused = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("old"), None);
        var status = await hbs[0].GetStatusAsync(None);
        var pausedTwice = await hbs[0].PauseAsync("again", None);

        var resumed = await hbs[1].ResumeAsync(None);
        harness.Time.Advance(harness.Options.TaskRefreshInterval);
        var oldAfterResume = await hbs[0].OnHeartbeatAsync(UpgradeHarness.Heartbeat("old"), None);

        Assert.Multiple(() =>
        {
            Assert.That(busy, Is.Not.Null, "granted before the pause");
            Assert.That(paused, Is.True);
            Assert.That(oldWhilePaused, Is.Null, "an agent on the old version gets no task while paused");
            Assert.That(busyUpgrading, Is.Null);
            Assert.That(oldStillPaused, Is.Null);
            Assert.That(status.State, Is.EqualTo("paused"));
            Assert.That(status.Reason, Is.EqualTo("paused by alice"));
            Assert.That(status.Done, Is.EqualTo(1), "the agent upgrading during the pause finished and is counted");
            Assert.That(status.InFlight, Is.Zero);
            Assert.That(pausedTwice, Is.False, "a paused task is not paused again");
            Assert.That(resumed, Is.True);
            Assert.That(oldAfterResume?.Version, Is.EqualTo(UpgradeHarness.NewVersion), "resumed: the agent gets the task");
        });
    }

    [Test]
    public async Task PauseRoute_PausesTheRunningTask_AndAnswers409WhenNothingRuns()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);
        using var client = server.Client();

        using var withoutTask = await client.PostAsync("/agent/upgrade/pause", null);
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);
        using var pause = await client.PostAsync("/agent/upgrade/pause?by=bob", null);
        var pauseBody = await pause.Content.ReadAsStringAsync();
        var whilePaused = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("old"), None);
        var reason = (await hbs.GetStatusAsync(None)).Reason;
        using var again = await client.PostAsync("/agent/upgrade/pause", null);
        using var resume = await client.PostAsync("/agent/upgrade/resume", null);
        var afterResume = await hbs.OnHeartbeatAsync(UpgradeHarness.Heartbeat("old"), None);

        Assert.Multiple(async () =>
        {
            Assert.That(withoutTask.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await withoutTask.Content.ReadAsStringAsync(), Is.EqualTo("""{"msg":"no running upgrade task to pause"}"""));
            Assert.That(pause.StatusCode, Is.EqualTo(HttpStatusCode.OK), pauseBody);
            Assert.That(pauseBody, Is.EqualTo("""{"msg":"success","data":"upgrade paused"}"""));
            Assert.That(whilePaused, Is.Null);
            Assert.That(reason, Is.EqualTo("paused by bob"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(resume.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterResume, Is.Not.Null);
        });
    }

    [Test]
    public async Task Cli_PauseAndResume_DriveTheTaskThroughHbs()
    {
        await using var harness = await UpgradeHarness.StartAsync(cluster: false);
        var hbs = harness.CreateCoordinator();
        await using var server = await UpgradeHttpServer.StartAsync(hbs, IPAddress.Loopback);
        var target = $"127.0.0.1:{server.Address.Port}";
        await hbs.PushAsync(UpgradeHarness.NewTask(), None);

        var pause = await RunAsync("upgrade", "pause", "--by", "carol", "--hbs", target);
        var status = await RunAsync("upgrade", "status", "--hbs", target);
        var pauseAgain = await RunAsync("upgrade", "pause", "--hbs", target);
        var resume = await RunAsync("upgrade", "resume", "--hbs", target);
        var state = (await hbs.GetStatusAsync(None)).State;

        Assert.Multiple(() =>
        {
            Assert.That(pause.Code, Is.EqualTo(ExitCodes.Ok), pause.Error);
            Assert.That(pause.Output.Trim(), Is.EqualTo("upgrade paused"));
            Assert.That(status.Output, Does.Contain("paused").And.Contain("paused by carol"));
            Assert.That(pauseAgain.Code, Is.EqualTo(ExitCodes.Failed));
            Assert.That(pauseAgain.Error, Does.Contain("no running upgrade task to pause"));
            Assert.That(resume.Code, Is.EqualTo(ExitCodes.Ok), resume.Error);
            Assert.That(resume.Output.Trim(), Is.EqualTo("upgrade resumed"));
            Assert.That(state, Is.EqualTo("running"));
        });
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand { UpgradeCommand.Create() };
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
