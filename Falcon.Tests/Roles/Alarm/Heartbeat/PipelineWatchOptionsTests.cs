using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Heartbeat;

namespace Falcon.Tests.Roles.Alarm.Heartbeat;

public sealed class PipelineWatchOptionsTests
{
    [Test]
    public void Validate_OfTheDefaults_Succeeds()
    {
        var result = new PipelineWatchOptionsValidator().Validate(null, new PipelineWatchOptions());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_OfACheckIntervalNotShorterThanMaxSilence_NamesBothKeys()
    {
        var result = new PipelineWatchOptionsValidator().Validate(null, new PipelineWatchOptions { MaxSilence = TimeSpan.FromMinutes(1), CheckInterval = TimeSpan.FromMinutes(1) });

        Assert.That(result.FailureMessage, Does.Contain("alarm.heartbeat.checkInterval").And.Contain("alarm.heartbeat.maxSilence"));
    }

    [Test]
    public void Validate_OfAQueueFallback_IsRefused_TheFallbackMustNotNeedRedis()
    {
        var result = new PipelineWatchOptionsValidator().Validate(null, new PipelineWatchOptions { FallbackFormat = ImProvider.Queue });

        Assert.That(result.FailureMessage, Does.Contain("alarm.heartbeat.fallbackFormat cannot be queue"));
    }

    [Test]
    public void Validate_OfAFallbackThatIsNotAnHttpUrl_NamesTheKey_WithoutTheValue()
    {
        var result = new PipelineWatchOptionsValidator().Validate(null, new PipelineWatchOptions { FallbackUrl = "ftp://bot/secret-token" });

        Assert.That(result.FailureMessage, Does.Contain("alarm.heartbeat.fallbackUrl").And.Not.Contain("secret-token"));
    }

    [Test]
    public void Validate_OfAForgetAfterWithinMaxSilence_IsRefused()
    {
        var result = new PipelineWatchOptionsValidator().Validate(null, new PipelineWatchOptions { MaxSilence = TimeSpan.FromHours(2), ForgetAfter = TimeSpan.FromHours(1) });

        Assert.That(result.FailureMessage, Does.Contain("alarm.heartbeat.forgetAfter"));
    }
}
