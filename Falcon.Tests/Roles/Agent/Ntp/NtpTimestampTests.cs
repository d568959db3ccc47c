using Falcon.Roles.Agent.Ntp;

namespace Falcon.Tests.Roles.Agent.Ntp;

public sealed class NtpTimestampTests
{
    [Test]
    public void FromTime_OfTheUnixEpoch_IsTheKnownNtpSeconds()
    {
        var value = NtpTimestamp.FromTime(DateTimeOffset.UnixEpoch);

        Assert.That(value >> 32, Is.EqualTo(2_208_988_800UL));
        Assert.That(value & 0xFFFF_FFFF, Is.Zero);
    }

    [TestCase("2026-11-24T23:14:18.1234567Z")]
    [TestCase("2036-02-07T06:28:15.5Z")]
    [TestCase("2036-02-07T06:28:16.25Z")]
    [TestCase("2040-01-01T00:00:00Z")]
    public void ToTime_OfFromTime_GivesTheSameTimeWithinATick(string text)
    {
        var time = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var back = NtpTimestamp.ToTime(NtpTimestamp.FromTime(time));

        Assert.That((back - time).Duration(), Is.LessThanOrEqualTo(TimeSpan.FromTicks(1)));
    }
}
