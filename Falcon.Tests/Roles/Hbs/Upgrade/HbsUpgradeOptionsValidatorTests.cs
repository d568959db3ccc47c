using Falcon.Roles.Hbs.Upgrade;

namespace Falcon.Tests.Roles.Hbs.Upgrade;

public sealed class HbsUpgradeOptionsValidatorTests
{
    [Test]
    public void Defaults_AreValid()
    {
        var result = new HbsUpgradeOptionsValidator().Validate(null, new HbsUpgradeOptions());
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void BadValues_AreReportedByKey()
    {
        var options = new HbsUpgradeOptions
        {
            MaxConcurrent = 0,
            SlotTimeout = TimeSpan.FromSeconds(1),
            MaxAttempts = 0,
            FailurePauseRatio = 1.5,
            TaskRefreshInterval = TimeSpan.Zero,
            KeyPrefix = "{agent_upgrade}",
        };

        var result = new HbsUpgradeOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("hbs.upgrade.maxConcurrent must be between 1 and 1000000"));
            Assert.That(result.FailureMessage, Does.Contain("hbs.upgrade.slotTimeout must be between"));
            Assert.That(result.FailureMessage, Does.Contain("hbs.upgrade.maxAttempts must be between 1 and 100"));
            Assert.That(result.FailureMessage, Does.Contain("hbs.upgrade.failurePauseRatio must be between 0 and 1"));
            Assert.That(result.FailureMessage, Does.Contain("hbs.upgrade.taskRefreshInterval must be between"));
            Assert.That(result.FailureMessage, Does.Contain("hbs.upgrade.keyPrefix may hold only"));
        });
    }
}
