using Falcon.Roles.Agent.Scheduling;

namespace Falcon.Tests.Roles.Agent.Scheduling;

public sealed class TickClockTests
{
    [TestCase(1_700_000_040.0, 10, 1_700_000_050)]
    [TestCase(1_700_000_040.5, 30, 1_700_000_070)]
    [TestCase(1_700_000_069.9, 30, 1_700_000_070)]
    [TestCase(1_700_000_041.0, 120, 1_700_000_160)]
    public void NextTick_IsTheNextMultipleOfTheIntervalSinceTheEpoch(double now, int seconds, long expected)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)(now * 1000));

        Assert.That(TickClock.NextTick(time, seconds), Is.EqualTo(expected));
    }
}
