using Falcon.Roles.Alarm.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Falcon.Tests.Roles.Alarm.Search;

public sealed class AlarmSearchQueryParserTests
{
    private static readonly AlarmSearchOptions Options = new() { DefaultLimit = 20, MaxLimit = 200 };

    [Test]
    public void NoParameters_GiveTheDefaultLimitAndNoFilters()
    {
        var query = Parse("");

        Assert.Multiple(() =>
        {
            Assert.That(query, Is.Not.Null);
            Assert.That(query!.Limit, Is.EqualTo(20));
            Assert.That(query.Endpoint, Is.Null);
            Assert.That(query.Metric, Is.Null);
            Assert.That(query.Status, Is.Null);
            Assert.That(query.Priorities, Is.Empty);
            Assert.That(query.From, Is.Null);
            Assert.That(query.After, Is.Null);
            Assert.That(query.IncludeEvents, Is.False);
        });
    }

    [Test]
    public void EveryParameter_IsRead()
    {
        var query = Parse("endpoint=web-*&metric=cpu.idle&status=ok&priority=2,0&priority=1&from=100&to=2026-11-24T10:00:00Z&q=%20disk%20&limit=200&events=true");

        Assert.Multiple(() =>
        {
            Assert.That(query!.Endpoint, Is.EqualTo("web-*"));
            Assert.That(query.Metric, Is.EqualTo("cpu.idle"));
            Assert.That(query.Status, Is.EqualTo("OK"));
            Assert.That(query.Priorities, Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(query.From, Is.EqualTo(100));
            Assert.That(query.To, Is.EqualTo(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()));
            Assert.That(query.Text, Is.EqualTo("disk"));
            Assert.That(query.Limit, Is.EqualTo(200));
            Assert.That(query.IncludeEvents, Is.True);
        });
    }

    [Test]
    public void AStarAlone_MeansEveryEndpoint()
    {
        Assert.That(Parse("endpoint=*")!.Endpoint, Is.Null);
    }

    [TestCase("1732500000", 1732500000L)]
    [TestCase("2026-11-24T10:00:00Z", 1795514400L)]
    [TestCase("2026-11-24T18:00:00+08:00", 1795514400L)]
    [TestCase("2026-11-24 10:00:00.5Z", 1795514400L)]
    public void Times_AreUnixSecondsOrRfc3339(string text, long expected)
    {
        Assert.That(AlarmSearchQueryParser.ParseTime(text), Is.EqualTo(expected));
    }

    [TestCase("2026-11-24T10:00:00")]
    [TestCase("2026-11-24")]
    [TestCase("yesterday")]
    [TestCase("-5")]
    [TestCase("99999999999999")]
    public void Times_WithoutAZoneOrOutOfRange_AreRefused(string text)
    {
        Assert.That(AlarmSearchQueryParser.ParseTime(text), Is.Null);
    }

    [TestCase("limit=201", "limit must be a number from 1 to 200")]
    [TestCase("priority=1,x", "priority must be a number")]
    [TestCase("status=FIRING", "status must be PROBLEM or OK")]
    [TestCase("metric=*.idle", "'*' is allowed only at the end")]
    [TestCase("from=10&to=9", "from is after to")]
    [TestCase("Endpoint=x", "unknown parameter 'Endpoint'")]
    [TestCase("q=a%00b", "q holds control characters")]
    [TestCase("limit=1&limit=2", "limit is given 2 times")]
    public void BadParameters_SayWhatIsWrong(string text, string problem)
    {
        var query = AlarmSearchQueryParser.Parse(Query(text), Options, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(query, Is.Null);
            Assert.That(error, Does.Contain(problem));
        });
    }

    [Test]
    public void ACursor_RoundTrips()
    {
        var cursor = new AlarmSearchCursor(1732500000, "s_1_abc:def");

        var query = Parse("cursor=" + cursor.Encode());

        Assert.That(query!.After, Is.EqualTo(cursor));
    }

    [TestCase("")]
    [TestCase("!!")]
    [TestCase("bm9wZQ")]
    [TestCase("MTIzOg")]
    [TestCase("eDpz")]
    public void AForgedCursor_IsNotDecoded(string text)
    {
        Assert.That(AlarmSearchCursor.TryDecode(text), Is.Null);
    }

    [TestCase("50%", "50!%")]
    [TestCase("a_b", "a!_b")]
    [TestCase("wow!", "wow!!")]
    [TestCase("' OR 1=1", "' OR 1=1")]
    public void LikePatterns_EscapeTheirWildcards(string text, string expected)
    {
        Assert.That(AlarmCaseStore.EscapeLike(text), Is.EqualTo(expected));
    }

    private static AlarmSearchQuery? Parse(string text)
    {
        var query = AlarmSearchQueryParser.Parse(Query(text), Options, out var error);
        Assert.That(error, Is.Empty);
        return query;
    }

    private static QueryCollection Query(string text)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text);
        return new QueryCollection(new Dictionary<string, StringValues>(parsed, StringComparer.Ordinal));
    }
}
