using Falcon.Roles.Alarm.Silences;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Alarm.Silences;

public sealed class SilenceLinksTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Test]
    public void ActionsFor_OffersOneButtonPerConfiguredDuration()
    {
        var actions = Links(o => o.Durations = "30m, 2h30m,1w").ActionsFor("alice", "host-a", "cpu.idle");

        Assert.Multiple(() =>
        {
            Assert.That(actions.Select(a => a.Label), Is.EqualTo(new[] { "Silence 30m", "Silence 2h30m", "Silence 7d" }));
            Assert.That(actions.Select(a => Query(a.Url)["d"].ToString()), Is.EqualTo(new[] { "1800", "9000", "604800" }));
            Assert.That(actions[0].Url, Does.StartWith("https://alarm.example.com/silences/link?u=alice&e=host-a&c=cpu.idle&d=1800&x="));
        });
    }

    [Test]
    public void Url_EscapesEveryParameter_AndVerifiesBack()
    {
        var links = Links();
        var url = links.Url(new SilenceLink("ops team&x=1", "host a", "df.bytes.free.percent/mount=/data", TimeSpan.FromHours(1), _time.GetUtcNow().AddDays(1)));

        var (link, refusal) = links.Verify(Reader(url));

        Assert.Multiple(() =>
        {
            Assert.That(url, Does.Contain("u=ops%20team%26x%3D1").And.Contain("c=df.bytes.free.percent%2Fmount%3D%2Fdata"));
            Assert.That(refusal, Is.EqualTo(SilenceLinkRefusal.None));
            Assert.That(link, Is.EqualTo(new SilenceLink("ops team&x=1", "host a", "df.bytes.free.percent/mount=/data", TimeSpan.FromHours(1), _time.GetUtcNow().AddDays(1))));
        });
    }

    [TestCase("u", "bob")]
    [TestCase("e", "host-b")]
    [TestCase("c", "cpu.idle/core=1")]
    [TestCase("d", "3601")]
    [TestCase("x", "1900000000")]
    [TestCase("s", "x")]
    public void Verify_OfAnyChangedParameter_IsForged(string parameter, string value)
    {
        var links = Links();
        var url = links.ActionsFor("alice", "host-a", "cpu.idle")[0].Url;
        var query = Query(url);
        query[parameter] = value;

        Assert.That(links.Verify(name => query.TryGetValue(name, out var v) ? v.ToString() : null).Refusal, Is.EqualTo(SilenceLinkRefusal.Forged));
    }

    [Test]
    public void Verify_OfALinkSignedWithAnotherSecret_IsForged()
    {
        var url = Links(o => o.LinkSecret = "another-secret-another-secret-another").ActionsFor("alice", "host-a", "cpu.idle")[0].Url;

        Assert.That(Links().Verify(Reader(url)).Refusal, Is.EqualTo(SilenceLinkRefusal.Forged));
    }

    [Test]
    public void Verify_AfterTheLinkLifetime_IsExpired()
    {
        var links = Links(o => o.LinkLifetime = TimeSpan.FromHours(6));
        var url = links.ActionsFor("alice", "host-a", "cpu.idle")[0].Url;

        _time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        var justBefore = links.Verify(Reader(url)).Refusal;
        _time.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = links.Verify(Reader(url)).Refusal;

        Assert.That((justBefore, atExpiry), Is.EqualTo((SilenceLinkRefusal.None, SilenceLinkRefusal.Expired)));
    }

    [TestCase("d", "")]
    [TestCase("d", "0")]
    [TestCase("d", "-3600")]
    [TestCase("d", "1h")]
    [TestCase("x", "soon")]
    [TestCase("u", "")]
    [TestCase("s", "")]
    public void Verify_OfAMissingOrUnreadableParameter_IsMalformed(string parameter, string value)
    {
        var links = Links();
        var query = Query(links.ActionsFor("alice", "host-a", "cpu.idle")[0].Url);
        query[parameter] = value;

        Assert.That(links.Verify(name => query.TryGetValue(name, out var v) ? v.ToString() : null).Refusal, Is.EqualTo(SilenceLinkRefusal.Malformed));
    }

    [Test]
    public void WithoutABaseUrl_NoButtons_AndEveryLinkIsRefused()
    {
        var url = Links().ActionsFor("alice", "host-a", "cpu.idle")[0].Url;
        var off = Links(o => o.LinkBaseUrl = "");

        Assert.Multiple(() =>
        {
            Assert.That(off.Enabled, Is.False);
            Assert.That(off.ActionsFor("alice", "host-a", "cpu.idle"), Is.Empty);
            Assert.That(off.Verify(Reader(url)).Refusal, Is.EqualTo(SilenceLinkRefusal.Disabled));
        });
    }

    private SilenceLinks Links(Action<SilenceOptions>? configure = null)
    {
        var options = new SilenceOptions { LinkBaseUrl = "https://alarm.example.com/", LinkSecret = Secret };
        configure?.Invoke(options);
        return new SilenceLinks(Options.Create(options), _time);
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(string url) =>
        QueryHelpers.ParseQuery(new Uri(url).Query);

    private static Func<string, string?> Reader(string url)
    {
        var query = Query(url);
        return name => query.TryGetValue(name, out var v) ? v.ToString() : null;
    }
}
