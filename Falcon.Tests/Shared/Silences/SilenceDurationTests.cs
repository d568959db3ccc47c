using Falcon.Shared.Silences;

namespace Falcon.Tests.Shared.Silences;

public sealed class SilenceDurationTests
{
    [TestCase("90s", 90)]
    [TestCase("30m", 1800)]
    [TestCase("1h", 3600)]
    [TestCase(" 2h30m ", 9000)]
    [TestCase("1d", 86400)]
    [TestCase("1w", 604800)]
    [TestCase("1d12h", 129600)]
    public void TryParse_ReadsDurationsAsPeopleWriteThem(string text, int seconds)
    {
        Assert.That(SilenceDuration.TryParse(text, out var problem), Is.EqualTo(TimeSpan.FromSeconds(seconds)), problem);
    }

    [TestCase(null, "duration is empty")]
    [TestCase("", "duration is empty")]
    [TestCase("0s", "must be more than zero")]
    [TestCase("0h0m", "must be more than zero")]
    [TestCase("0", "without a unit")]
    [TestCase("3600", "without a unit")]
    [TestCase("1h30", "without a unit")]
    [TestCase("5x", "unknown unit 'x'")]
    [TestCase("1.5h", "unknown unit '.'")]
    [TestCase("-1h", "is not a duration")]
    [TestCase("h", "is not a duration")]
    [TestCase("9999999h", "is not a duration")]
    public void TryParse_OfSomethingElse_SaysWhatIsWrong(string? text, string problem)
    {
        var duration = SilenceDuration.TryParse(text, out var message);

        Assert.Multiple(() =>
        {
            Assert.That(duration, Is.Null);
            Assert.That(message, Does.Contain(problem));
        });
    }

    [TestCase(90, "1m30s")]
    [TestCase(3600, "1h")]
    [TestCase(9000, "2h30m")]
    [TestCase(86400, "1d")]
    [TestCase(129600, "1d12h")]
    [TestCase(0, "0s")]
    public void Format_IsShort_AndReadsBack(int seconds, string text)
    {
        var formatted = SilenceDuration.Format(TimeSpan.FromSeconds(seconds));

        Assert.Multiple(() =>
        {
            Assert.That(formatted, Is.EqualTo(text));
            if (seconds > 0)
            {
                Assert.That(SilenceDuration.TryParse(formatted, out _), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
            }
        });
    }
}
