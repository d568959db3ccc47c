using Falcon.Cli.Alarm;
using Falcon.Roles.Alarm.Search;

namespace Falcon.Tests.Cli.Alarm;

public sealed class AlarmSearchCommandTests
{
    [TestCase("90s", 90)]
    [TestCase("30m", 1800)]
    [TestCase("1h", 3600)]
    [TestCase("2d", 172800)]
    [TestCase("1W", 604800)]
    public void Since_TakesANumberAndAUnit(string text, int seconds)
    {
        Assert.That(AlarmSearchCommand.ParseSince(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("")]
    [TestCase("h")]
    [TestCase("1")]
    [TestCase("0h")]
    [TestCase("-1h")]
    [TestCase("1y")]
    [TestCase("1.5h")]
    [TestCase("99999999w")]
    public void Since_RefusesAnythingElse(string text)
    {
        Assert.That(AlarmSearchCommand.ParseSince(text), Is.Null);
    }

    [Test]
    public void TheQueryString_EscapesValuesAndLeavesOutMissingOnes()
    {
        var query = AlarmSearchCommand.QueryString([("endpoint", "web-1"), ("metric", null), ("q", "a&b=c d"), ("status", "")]);

        Assert.That(query, Is.EqualTo("?endpoint=web-1&q=a%26b%3Dc%20d"));
    }

    [Test]
    public void NoValues_GiveNoQueryString()
    {
        Assert.That(AlarmSearchCommand.QueryString([("endpoint", null)]), Is.Empty);
    }

    [TestCase("alice:abc", """{"name":"alice","sig":"abc"}""")]
    [TestCase("""{"name":"alice","sig":"abc"}""", """{"name":"alice","sig":"abc"}""")]
    public void TheApitoken_IsJsonOrUserColonSig(string text, string header)
    {
        Assert.That(AlarmSearchCredentials.ApiTokenHeader(text, out _), Is.EqualTo(header));
    }

    [TestCase("alice")]
    [TestCase(":abc")]
    [TestCase("alice:")]
    [TestCase("""{"name":"alice"}""")]
    [TestCase("{broken")]
    public void ABadApitoken_IsRefusedWithTheFormat(string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(AlarmSearchCredentials.ApiTokenHeader(text, out var error), Is.Null);
            Assert.That(error, Does.Contain("<user>:<sig>"));
        });
    }

    [Test]
    public void AnEmptyPage_SaysOnlyYourTeamsAlarmsAreShown()
    {
        Assert.That(AlarmSearchView.Render(new AlarmSearchPage()), Does.Contain("only your teams' alarms"));
    }

    [Test]
    public void APage_IsATableWithTheCursorOfTheNext()
    {
        var page = new AlarmSearchPage
        {
            Data =
            [
                new AlarmCase
                {
                    Id = "s_1_a", Endpoint = "web-1", Metric = "cpu.idle", Cond = "5 < 10", Status = "PROBLEM", Priority = 0, CurrentStep = 1, MaxStep = 3,
                    Timestamp = DateTimeOffset.FromUnixTimeSeconds(0), UpdateAt = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero),
                    Events = [new AlarmCaseEvent { Step = 1, Cond = "5 < 10", Status = "PROBLEM", Timestamp = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero) }],
                },
            ],
            NextCursor = "abc",
        };

        var lines = AlarmSearchView.Render(page).Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("UPDATED (UTC)        STATUS   P  STEP  ENDPOINT  METRIC    COND    ID"));
            Assert.That(lines[1], Is.EqualTo("2026-11-24 10:00:00  PROBLEM  0  1/3   web-1     cpu.idle  5 < 10  s_1_a"));
            Assert.That(lines[2], Is.EqualTo("    2026-11-24 10:00:00  PROBLEM step 1  5 < 10"));
            Assert.That(lines[3], Is.EqualTo("more: run again with --cursor abc"));
        });
    }
}
