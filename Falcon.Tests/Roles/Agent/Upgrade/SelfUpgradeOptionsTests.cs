using Falcon.Roles.Agent.Upgrade;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class SelfUpgradeOptionsTests
{
    [Test]
    public void Validator_AcceptsTheDefaults()
    {
        Assert.That(new SelfUpgradeOptionsValidator().Validate(null, new SelfUpgradeOptions()).Succeeded, Is.True);
    }

    [Test]
    public void Validator_RefusesAPatternWithoutTheVersion()
    {
        var result = new SelfUpgradeOptionsValidator().Validate(null, new SelfUpgradeOptions { UrlPattern = "{wgeturl}/falcon" });

        Assert.That(result.FailureMessage, Does.Contain("agent.upgrade.urlPattern must contain {version}"));
    }

    [Test]
    public void Validator_RefusesZeroWatchdogStarts()
    {
        var result = new SelfUpgradeOptionsValidator().Validate(null, new SelfUpgradeOptions { WatchdogStarts = 0 });

        Assert.That(result.FailureMessage, Does.Contain("agent.upgrade.watchdogStarts"));
    }
}
