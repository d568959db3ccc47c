using Falcon.Roles.Alarm.Search;

namespace Falcon.Tests.Roles.Alarm.Search;

public sealed class AlarmSearchOptionsTests
{
    [Test]
    public void Defaults_AreValid()
    {
        var result = new AlarmSearchOptionsValidator().Validate(null, new AlarmSearchOptions());

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void ADefaultLimitAboveTheMax_IsRefusedNamingBothKeys()
    {
        var result = new AlarmSearchOptionsValidator().Validate(null, new AlarmSearchOptions { DefaultLimit = 600, MaxLimit = 500 });

        Assert.That(result.FailureMessage, Does.Contain("alarm.search.defaultLimit (600) must not be more than alarm.search.maxLimit (500)"));
    }

    [Test]
    public void AZeroMaxLimit_IsRefusedNamingItsKey()
    {
        var result = new AlarmSearchOptionsValidator().Validate(null, new AlarmSearchOptions { DefaultLimit = 1, MaxLimit = 0 });

        Assert.That(result.FailureMessage, Does.Contain("alarm.search.maxLimit must be between 1 and 10000"));
    }
}
