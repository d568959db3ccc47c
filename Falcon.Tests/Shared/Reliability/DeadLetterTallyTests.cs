using Falcon.Shared.Reliability;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Shared.Reliability;

public sealed class DeadLetterTallyTests
{
    [Test]
    public void Recent_CountsOnlyWithinTheWindow_TotalsKeepEverything()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tally = new DeadLetterTally(time);
        tally.Add("alarm.record");
        time.Advance(TimeSpan.FromMinutes(10));
        tally.Add("alarm.record");
        tally.Add("hbs.host");

        Assert.That(tally.Recent(TimeSpan.FromMinutes(5)), Is.EquivalentTo(new Dictionary<string, int> { ["alarm.record"] = 1, ["hbs.host"] = 1 }));

        time.Advance(TimeSpan.FromMinutes(6));

        Assert.That(tally.Recent(TimeSpan.FromMinutes(5)), Is.Empty);
        Assert.That(tally.Totals(), Is.EquivalentTo(new Dictionary<string, long> { ["alarm.record"] = 2, ["hbs.host"] = 1 }));
    }
}
