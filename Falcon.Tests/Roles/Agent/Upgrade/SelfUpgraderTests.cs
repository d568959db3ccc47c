using Falcon.Roles.Agent.Upgrade;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class SelfUpgraderTests
{
    [TestCase("{wgeturl}/bin_{version}", "http://dl.example/falcon/", "7.1.0", null, "http://dl.example/falcon/bin_7.1.0")]
    [TestCase("{wgeturl}/{version}/falcon", "https://dl.example", "7.1.0", null, "https://dl.example/7.1.0/falcon")]
    [TestCase("{wgeturl}/{binfile}", "http://dl.example/falcon/", "7.1.0", null, "http://dl.example/falcon/bin_7.1.0")]
    [TestCase("{wgeturl}/{binfile}", "http://dl.example/falcon/", "7.1.0", "bin_7.1", "http://dl.example/falcon/bin_7.1")]
    public void DownloadUrl_FillsThePattern(string pattern, string wgetUrl, string version, string? binFile, string expected)
    {
        Assert.That(SelfUpgrader.DownloadUrl(pattern, wgetUrl, version, binFile).ToString(), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("ftp://dl.example")]
    [TestCase("dl.example/falcon")]
    public void DownloadUrl_OfABadWgetUrl_IsRefusedClearly(string wgetUrl)
    {
        var error = Assert.Throws<UpgradeException>(() => SelfUpgrader.DownloadUrl("{wgeturl}/bin_{version}", wgetUrl, "7.1"));

        Assert.That(error.Message, Does.Contain("is not an http or https URL"));
    }

    [Test]
    public async Task OnUpgradeCommand_WhenSelfUpgradeIsOff_DoesNothing()
    {
        using var harness = new UpgraderHarness(configure: o => o.Enabled = false);

        await harness.CommandAsync(Command("7.1"));

        Assert.That(harness.Upgrader.Current.IsCompleted, Is.True);
        harness.AssertOldBinaryUntouched();
        Assert.That(harness.Attempts.RetryAt("7.1"), Is.EqualTo(DateTimeOffset.MinValue), "nothing was attempted");
        Assert.That((harness.Upgrader.LastOutcome?.Result, harness.Upgrader.LastOutcome?.Reason), Is.EqualTo(("refused", "self-upgrade is off on this agent (agent.selfUpgrade)")),
            "hbs is told why this host does not upgrade");
    }

    [Test]
    public async Task OnUpgradeCommand_ForTheRunningVersionSpelledDifferently_DoesNothing()
    {
        using var harness = new UpgraderHarness(installedVersion: "7.1.0");

        await harness.CommandAsync(Command("7.1"));

        Assert.That(harness.Attempts.RetryAt("7.1"), Is.EqualTo(DateTimeOffset.MinValue), "7.1 is 7.1.0: nothing to do");
        Assert.That(harness.Upgrader.LastOutcome, Is.Null);
    }

    [TestCase("../../etc/passwd")]
    [TestCase(".hidden")]
    [TestCase("bin 7.1")]
    public async Task OnUpgradeCommand_WithABinfileThatIsNotAPlainName_IsRefused(string binFile)
    {
        using var harness = new UpgraderHarness();
        var args = Command("7.1");
        args.BinFile = binFile;

        await harness.CommandAsync(args);

        harness.AssertOldBinaryUntouched();
        Assert.That(harness.Upgrader.LastOutcome?.Reason, Does.Contain("is not a plain file name"));
    }

    [TestCase("7.0", 0, TestName = "OnUpgradeCommand_ForTheRunningVersion_DoesNothing")]
    [TestCase("", 0, TestName = "OnUpgradeCommand_WithoutAVersion_DoesNothing")]
    [TestCase("7.1;rm -rf /", 0, TestName = "OnUpgradeCommand_WithAVersionOfStrangeCharacters_DoesNothing")]
    [TestCase("7.1", 1, TestName = "OnUpgradeCommand_ForAConfigurationOnlyUpgrade_DoesNothing")]
    public async Task OnUpgradeCommand_ThatIsNotForThisBinary_DoesNothing(string version, int type)
    {
        using var harness = new UpgraderHarness();
        var args = Command(version);
        args.Type = type;

        await harness.CommandAsync(args);

        Assert.That(harness.Attempts.RetryAt(version), Is.EqualTo(DateTimeOffset.MinValue), "nothing was attempted");
        harness.AssertOldBinaryUntouched();
    }

    [Test]
    public async Task OnUpgradeCommand_WhenTheServerIsUnreachable_FailsAndHoldsOffTheVersion()
    {
        using var harness = new UpgraderHarness();
        var args = Command("7.1");
        args.WgetUrl = $"http://127.0.0.1:{Falcon.Tests.Integration.Servers.ServerProcess.FreePort()}";

        await harness.CommandAsync(args);

        harness.AssertOldBinaryUntouched();
        Assert.That(harness.Attempts.RetryAt("7.1"), Is.GreaterThan(DateTimeOffset.UtcNow));
        Assert.That((harness.Upgrader.LastOutcome?.Result, harness.Upgrader.LastOutcome?.Version), Is.EqualTo(("failed", "7.1")));
        Assert.That(harness.Upgrader.LastOutcome!.Reason, Does.StartWith($"download of {args.WgetUrl}/bin_7.1 failed"));
    }

    [Test]
    public void Dispose_Twice_AsTheContainerDoesForItsTwoRegistrations_IsHarmless()
    {
        using var harness = new UpgraderHarness();

        harness.Upgrader.Dispose();

        Assert.DoesNotThrow(harness.Upgrader.Dispose);
    }

    private static AgentUpgradeArgs Command(string version) => new()
    {
        Type = 0,
        WgetUrl = "http://127.0.0.1:9",
        Version = version,
        BinFileSha256 = UpgradeDirectory.Sha256(UpgradeDirectory.VersionScript(version)),
    };
}
