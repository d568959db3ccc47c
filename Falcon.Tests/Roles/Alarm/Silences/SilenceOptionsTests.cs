using Falcon.Roles.Alarm.Silences;

namespace Falcon.Tests.Roles.Alarm.Silences;

public sealed class SilenceOptionsTests
{
    [Test]
    public void Validate_OfTheDefaults_Succeeds_WithLinksOff()
    {
        var options = new SilenceOptions();
        var result = new SilenceOptionsValidator().Validate(null, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.FailureMessage);
            Assert.That(options.LinksEnabled, Is.False);
            Assert.That(options.OfferedDurations(), Is.EqualTo(new[] { TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromDays(1) }));
        });
    }

    [Test]
    public void Validate_OfLinksWithoutASecret_IsRefused()
    {
        var result = new SilenceOptionsValidator().Validate(null, new SilenceOptions { LinkBaseUrl = "https://alarm.example.com" });

        Assert.That(result.FailureMessage, Does.Contain("alarm.silences.linkSecret must be at least 32 characters"));
    }

    [Test]
    public void Validate_OfLinksWithALongSecret_Succeeds()
    {
        var result = new SilenceOptionsValidator().Validate(null, new SilenceOptions { LinkBaseUrl = "https://alarm.example.com", LinkSecret = new string('k', 32) });

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("alarm.example.com")]
    [TestCase("ftp://alarm.example.com")]
    [TestCase("/silences")]
    public void Validate_OfABaseUrlBrowsersCannotOpen_IsRefused(string url)
    {
        var result = new SilenceOptionsValidator().Validate(null, new SilenceOptions { LinkBaseUrl = url, LinkSecret = new string('k', 32) });

        Assert.That(result.FailureMessage, Does.Contain("alarm.silences.linkBaseUrl must be an absolute http:// or https:// URL"));
    }

    [TestCase("", "must list at least one duration")]
    [TestCase("1h,5x", "unknown unit 'x'")]
    [TestCase("1h,0m", "must be more than zero")]
    [TestCase("1h,60d", "longer than alarm.silences.maxDuration")]
    public void Validate_OfBadDurations_NamesTheKey(string durations, string problem)
    {
        var result = new SilenceOptionsValidator().Validate(null, new SilenceOptions { Durations = durations });

        Assert.That(result.FailureMessage, Does.Contain("alarm.silences.durations").And.Contain(problem));
    }

    [Test]
    public void Validate_OfOutOfRangeTimes_NamesTheKeys()
    {
        var result = new SilenceOptionsValidator().Validate(null, new SilenceOptions { LinkLifetime = TimeSpan.Zero, ReloadInterval = TimeSpan.FromHours(1) });

        Assert.That(result.FailureMessage, Does.Contain("alarm.silences.linkLifetime must be between").And.Contain("alarm.silences.reloadInterval must be between"));
    }

    [TestCase("")]
    [TestCase("{silences}")]
    [TestCase("my silences")]
    public void Validate_OfAKeyPrefixThatCannotBeAHashTag_IsRefused(string prefix)
    {
        var result = new SilenceOptionsValidator().Validate(null, new SilenceOptions { KeyPrefix = prefix });

        Assert.That(result.FailureMessage, Does.Contain("alarm.silences.keyPrefix"));
    }
}
