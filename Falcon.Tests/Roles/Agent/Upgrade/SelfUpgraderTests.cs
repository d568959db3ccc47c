using Falcon.Roles.Agent.Upgrade;
using Falcon.Shared.Model.Agents;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class SelfUpgraderTests
{
    [TestCase("{wgeturl}/bin_{version}", "http://dl.example/falcon/", "7.1.0", "http://dl.example/falcon/bin_7.1.0")]
    [TestCase("{wgeturl}/{version}/falcon", "https://dl.example", "7.1.0", "https://dl.example/7.1.0/falcon")]
    public void DownloadUrl_FillsThePattern(string pattern, string wgetUrl, string version, string expected)
    {
        Assert.That(SelfUpgrader.DownloadUrl(pattern, wgetUrl, version).ToString(), Is.EqualTo(expected));
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
