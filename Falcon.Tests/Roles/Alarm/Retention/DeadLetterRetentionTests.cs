using System.Text.Json;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Retention;

namespace Falcon.Tests.Roles.Alarm.Retention;

public sealed class DeadLetterRetentionTests
{
    private static readonly DateTimeOffset Cutoff = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [TestCase(1_699_999_999, true)]
    [TestCase(1_700_000_000, false)]
    [TestCase(1_700_000_001, false)]
    public void IsOlder_ComparesTheEntrysTimeWithTheCutoff(long at, bool older) =>
        Assert.That(DeadLetterRetention.IsOlder(Entry(at), Cutoff), Is.EqualTo(older));

    [Test]
    public void IsOlder_AnEntryThatIsNotADeadLetter_CountsAsOld() =>
        Assert.That(DeadLetterRetention.IsOlder("{not json", Cutoff), Is.True);

    private static string Entry(long at) =>
        JsonSerializer.Serialize(new DeadLetter("refused", "event:p0", "a", at, "{}"), ConsumptionJsonContext.Default.DeadLetter);
}
