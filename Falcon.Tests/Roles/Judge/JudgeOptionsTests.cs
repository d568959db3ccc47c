using Falcon.Roles.Judge;

namespace Falcon.Tests.Roles.Judge;

public sealed class JudgeOptionsTests
{
    [Test]
    public void Validate_OfTheDefaults_Succeeds()
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_OfASyncIntervalOutOfRange_NamesTheKey()
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions { SyncInterval = TimeSpan.Zero });

        Assert.That(result.FailureMessage, Does.Contain("judge.syncInterval must be between"));
    }

    [Test]
    public void Validate_OfTimeoutsOutOfRange_NamesTheKeys()
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions { CallTimeout = TimeSpan.Zero, DialTimeout = TimeSpan.FromHours(1) });

        Assert.That(result.FailureMessage, Does.Contain("judge.callTimeout must be between").And.Contain("judge.dialTimeout must be between"));
    }

    [Test]
    public void Validate_OfADialTimeoutLongerThanTheCallTimeout_IsRefused()
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions { CallTimeout = TimeSpan.FromSeconds(1), DialTimeout = TimeSpan.FromSeconds(2) });

        Assert.That(result.FailureMessage, Does.Contain("judge.dialTimeout").And.Contain("judge.callTimeout"));
    }

    [Test]
    public void HbsServersToAsk_OfAnEmptyList_IsTheLocalHbs()
    {
        Assert.That(new JudgeOptions { Hbs = [] }.HbsServersToAsk(), Is.EqualTo(new[] { JudgeOptions.DefaultHbs }));
        Assert.That(new JudgeOptions { Hbs = ["10.0.0.1:6030"] }.HbsServersToAsk(), Is.EqualTo(new[] { "10.0.0.1:6030" }));
    }

    [Test]
    public void Validate_OfAQueuePatternWithoutThePriority_NamesTheKey()
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions { EventQueuePattern = "event:p" });

        Assert.That(result.FailureMessage, Does.Contain("judge.eventQueuePattern"));
    }

    [Test]
    public void Validate_OfARemainOfOne_NamesTheKey()
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions { Remain = 1 });

        Assert.That(result.FailureMessage, Does.Contain("judge.remain must be between 2"));
    }

    [TestCase("")]
    [TestCase("hbs")]
    [TestCase(":6030")]
    [TestCase("hbs:0")]
    [TestCase("hbs:99999")]
    public void Validate_OfAnHbsAddressThatCannotBeDialled_NamesItsIndex(string address)
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions { Hbs = ["127.0.0.1:6030", address] });

        Assert.That(result.FailureMessage, Does.Contain("judge.hbs.1 must"));
    }

    [Test]
    public void Validate_OfAResyncDelayOverAMinute_NamesTheKey()
    {
        var result = new JudgeOptionsValidator().Validate(null, new JudgeOptions { ResyncDelay = TimeSpan.FromMinutes(5) });

        Assert.That(result.FailureMessage, Does.Contain("judge.resyncDelay must be between"));
    }
}
