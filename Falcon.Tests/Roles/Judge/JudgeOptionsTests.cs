using Falcon.Roles.Judge.Sync;

namespace Falcon.Tests.Roles.Judge.Sync;

public sealed class JudgeSyncOptionsTests
{
    [Test]
    public void Validate_OfTheDefaults_Succeeds()
    {
        var result = new JudgeSyncOptionsValidator().Validate(null, new JudgeSyncOptions());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_OfASyncIntervalOutOfRange_NamesTheKey()
    {
        var result = new JudgeSyncOptionsValidator().Validate(null, new JudgeSyncOptions { SyncInterval = TimeSpan.Zero });

        Assert.That(result.FailureMessage, Does.Contain("judge.syncInterval must be between"));
    }

    [Test]
    public void Validate_OfTimeoutsOutOfRange_NamesTheKeys()
    {
        var result = new JudgeSyncOptionsValidator().Validate(null, new JudgeSyncOptions { CallTimeout = TimeSpan.Zero, DialTimeout = TimeSpan.FromHours(1) });

        Assert.That(result.FailureMessage, Does.Contain("judge.callTimeout must be between").And.Contain("judge.dialTimeout must be between"));
    }

    [Test]
    public void Validate_OfADialTimeoutLongerThanTheCallTimeout_IsRefused()
    {
        var result = new JudgeSyncOptionsValidator().Validate(null, new JudgeSyncOptions { CallTimeout = TimeSpan.FromSeconds(1), DialTimeout = TimeSpan.FromSeconds(2) });

        Assert.That(result.FailureMessage, Does.Contain("judge.dialTimeout").And.Contain("judge.callTimeout"));
    }

    [Test]
    public void Validate_OfAnEmptyHbsList_NamesTheKey()
    {
        var result = new JudgeSyncOptionsValidator().Validate(null, new JudgeSyncOptions { Hbs = [] });

        Assert.That(result.FailureMessage, Does.Contain("judge.hbs must list at least one"));
    }

    [TestCase("")]
    [TestCase("hbs")]
    [TestCase(":6030")]
    [TestCase("hbs:0")]
    [TestCase("hbs:99999")]
    public void Validate_OfAnHbsAddressThatCannotBeDialled_NamesItsIndex(string address)
    {
        var result = new JudgeSyncOptionsValidator().Validate(null, new JudgeSyncOptions { Hbs = ["127.0.0.1:6030", address] });

        Assert.That(result.FailureMessage, Does.Contain("judge.hbs.1 must"));
    }
}
