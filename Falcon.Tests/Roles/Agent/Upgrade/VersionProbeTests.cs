using System.Diagnostics;
using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class VersionProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Verify_WhenTheBinaryPrintsTheTargetVersion_Passes()
    {
        using var directory = new UpgradeDirectory("7.1");

        await VersionProbe.VerifyAsync(directory.Paths.Binary, "7.1", Timeout, CancellationToken.None);

        Assert.Pass("`falcon version` printed 7.1");
    }

    [Test]
    public void Verify_WhenTheBinaryPrintsAnotherVersion_RefusesNamingBoth()
    {
        using var directory = new UpgradeDirectory("7.0");

        var error = Assert.ThrowsAsync<UpgradeException>(() => VersionProbe.VerifyAsync(directory.Paths.Binary, "7.1", Timeout, CancellationToken.None));

        Assert.That(error.Message, Does.Contain("'7.0'").And.Contain("'7.1'"));
    }

    [Test]
    public void Verify_WhenTheBinaryFails_RefusesWithItsExitCode()
    {
        using var directory = new UpgradeDirectory();
        UpgradeDirectory.WriteScript(directory.Paths.Binary, "#!/bin/sh\necho broken >&2\nexit 3\n");

        var error = Assert.ThrowsAsync<UpgradeException>(() => VersionProbe.VerifyAsync(directory.Paths.Binary, "7.1", Timeout, CancellationToken.None));

        Assert.That(error.Message, Does.Contain("code 3").And.Contain("broken"));
    }

    [Test]
    public void Verify_WhenTheBinaryHangs_RefusesAtTheTimeoutAndKillsIt()
    {
        using var directory = new UpgradeDirectory();
        UpgradeDirectory.WriteScript(directory.Paths.Binary, "#!/bin/sh\nexec sleep 30\n");
        var watch = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<UpgradeException>(() =>
            VersionProbe.VerifyAsync(directory.Paths.Binary, "7.1", TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.That(error.Message, Does.Contain("did not print its version within"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Verify_WhenTheFileIsNotAProgram_RefusesSayingItDoesNotRun()
    {
        using var directory = new UpgradeDirectory();
        File.WriteAllBytes(directory.Paths.Binary, [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]);
        UpgradeDirectory.MakeExecutable(directory.Paths.Binary);

        var error = Assert.ThrowsAsync<UpgradeException>(() => VersionProbe.VerifyAsync(directory.Paths.Binary, "7.1", Timeout, CancellationToken.None));

        Assert.That(error.Message, Does.Contain("does not run"));
    }
}
