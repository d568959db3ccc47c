using Falcon.Roles.Judge.Heartbeat;
using Falcon.Roles.Judge.Nodata;

namespace Falcon.Tests.Roles.Judge.Nodata;

public sealed class NodataOptionsTests
{
    [Test]
    public void Validate_OfTheDefaults_Succeeds()
    {
        Assert.Multiple(() =>
        {
            var nodata = new NodataOptionsValidator().Validate(null, new NodataOptions());
            var heartbeat = new HeartbeatOptionsValidator().Validate(null, new HeartbeatOptions());
            Assert.That(nodata.Succeeded, Is.True, nodata.FailureMessage);
            Assert.That(heartbeat.Succeeded, Is.True, heartbeat.FailureMessage);
        });
    }

    [Test]
    public void Validate_OfValuesOutOfRange_NamesTheKeys()
    {
        var nodata = new NodataOptionsValidator().Validate(null, new NodataOptions { MinTimeout = TimeSpan.Zero, CheckInterval = TimeSpan.FromHours(1), MaxSeries = 0 });
        var heartbeat = new HeartbeatOptionsValidator().Validate(null, new HeartbeatOptions { Interval = TimeSpan.Zero, Priority = -1, Name = new string('j', 201) });

        Assert.Multiple(() =>
        {
            Assert.That(nodata.FailureMessage, Does.Contain("judge.nodata.minTimeout").And.Contain("judge.nodata.checkInterval").And.Contain("judge.nodata.maxSeries"));
            Assert.That(heartbeat.FailureMessage, Does.Contain("judge.heartbeat.interval").And.Contain("judge.heartbeat.priority").And.Contain("judge.heartbeat.name"));
        });
    }
}
