using Falcon.Cli.Upgrade;
using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Cli.Upgrade;

public sealed class UpgradeStatusViewTests
{
    [Test]
    public void ProgressLine_ShowsABarAndTheFourCounts()
    {
        var status = new UpgradeStatus { State = "running", Phase = "rollout", Done = 120, InFlight = 20, Failed = 3, Remaining = 57 };

        Assert.That(
            UpgradeStatusView.ProgressLine(status),
            Is.EqualTo("[##################------------]  60%  upgraded 120 / in flight 20 / failed 3 / remaining 57"));
    }

    [Test]
    public void FailedHosts_AreListedWithAttemptsAndError()
    {
        var status = new UpgradeStatus
        {
            State = "paused",
            Failed = 2,
            FailedHosts =
            [
                new UpgradeFailedHost { Hostname = "a", Attempts = 3, Error = "still at version 7.0.0 after the upgrade command" },
                new UpgradeFailedHost { Hostname = "bbb", Attempts = 1, Error = "no result before the slot deadline" },
            ],
        };
        using var output = new StringWriter();

        UpgradeStatusView.WriteFailedHosts(output, status);

        Assert.That(output.ToString().ReplaceLineEndings("\n"), Is.EqualTo(
            "failed hosts (2; retried only when the task is pushed again):\n" +
            "  a    3 attempt(s)  still at version 7.0.0 after the upgrade command\n" +
            "  bbb  1 attempt(s)  no result before the slot deadline\n"));
    }

    [Test]
    public void IsSettled_WaitsForHostsToShowUp()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UpgradeStatusView.IsSettled(new UpgradeStatus { State = "running" }), Is.False, "right after the push nothing is known yet");
            Assert.That(UpgradeStatusView.IsSettled(new UpgradeStatus { State = "running", Done = 5, InFlight = 1 }), Is.False);
            Assert.That(UpgradeStatusView.IsSettled(new UpgradeStatus { State = "running", Done = 5, Failed = 1 }), Is.True);
            Assert.That(UpgradeStatusView.IsSettled(new UpgradeStatus { State = "paused", InFlight = 4 }), Is.True);
        });
    }
}
