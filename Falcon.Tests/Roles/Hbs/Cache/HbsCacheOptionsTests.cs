using Falcon.Roles.Hbs.Cache;

namespace Falcon.Tests.Roles.Hbs.Cache;

public sealed class HbsCacheOptionsTests
{
    [Test]
    public void Validate_OfTheDefaults_Succeeds()
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_OfARefreshIntervalOutOfRange_NamesTheKey()
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions { RefreshInterval = TimeSpan.Zero });

        Assert.That(result.FailureMessage, Does.Contain("hbs.cache.refreshInterval must be between"));
    }

    [Test]
    public void Validate_OfAPollIntervalNotShorterThanTheLockTtl_IsRefused()
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions { PollInterval = TimeSpan.FromSeconds(55) });

        Assert.That(result.FailureMessage, Does.Contain("hbs.cache.pollInterval").And.Contain("hbs.cache.lockTtl"));
    }

    [Test]
    public void Validate_OfAMaxAgeNotLongerThanTheRefreshInterval_IsRefused()
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions { MaxAge = TimeSpan.FromSeconds(60) });

        Assert.That(result.FailureMessage, Does.Contain("hbs.cache.refreshInterval").And.Contain("hbs.cache.maxAge"));
    }

    [Test]
    public void Validate_OfASnapshotTtlShorterThanMaxAge_IsRefused()
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions { SnapshotTtl = TimeSpan.FromMinutes(2) });

        Assert.That(result.FailureMessage, Does.Contain("hbs.cache.snapshotTtl"));
    }

    [TestCase("")]
    [TestCase("{hbs}")]
    [TestCase("hbs cache")]
    public void Validate_OfAKeyPrefixThatCannotBeAHashTag_IsRefused(string prefix)
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions { KeyPrefix = prefix });

        Assert.That(result.FailureMessage, Does.Contain("hbs.cache.keyPrefix"));
    }

    [Test]
    public void Validate_OfAChangeDebounceOverAMinute_NamesTheKey()
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions { ChangeDebounce = TimeSpan.FromMinutes(2) });

        Assert.That(result.FailureMessage, Does.Contain("hbs.cache.changeDebounce must be between"));
    }

    [Test]
    public void Validate_OfNoChangeDebounce_Succeeds()
    {
        var result = new HbsCacheOptionsValidator().Validate(null, new HbsCacheOptions { ChangeDebounce = TimeSpan.Zero });

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }
}
