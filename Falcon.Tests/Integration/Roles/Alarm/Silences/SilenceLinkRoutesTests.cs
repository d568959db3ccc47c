using System.Net;
using Falcon.Roles.Alarm.Silences;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Alarm.Silences;

/// <summary>The signed links on alarm messages, clicked for real: confirm, apply, and refuse what is forged or expired.</summary>
[Category("Integration")]
public sealed class SilenceLinkRoutesTests
{
    private FakeTimeProvider _time = null!;
    private SilenceAlarmInstance _alarm = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var redis = await TestServers.RedisAsync();
        _alarm = await SilenceAlarmInstance.StartAsync(redis.Connection, SilenceAlarmInstance.NewPrefix(), time: _time);
        _client = _alarm.Client();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _alarm.DisposeAsync();
    }

    [Test]
    public async Task Get_ShowsWhatWouldBeSilenced_AndSilencesNothing()
    {
        var link = LinkFor("alice", "host-a", "cpu.idle", "Silence 3h");

        using var page = await _client.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<b>cpu.idle</b> on <b>host-a</b> will not be sent to <b>alice</b> for <b>3h</b>"));
            Assert.That(html, Does.Contain("<form method=\"post\" action=\"link\">"));
            Assert.That(page.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(await _alarm.Store.ListAsync(CancellationToken.None), Is.Empty, "a link preview bot must not silence anything");
        });
    }

    [Test]
    public async Task Post_FromTheConfirmationPage_SilencesThatRecipientOnly()
    {
        var link = LinkFor("alice", "host-a", "cpu.idle", "Silence 1h");

        using var done = await _client.PostAsync(link.AbsolutePath, Form(link, ("comment", "looking at it")));
        var html = await done.Content.ReadAsStringAsync();
        var silences = await _alarm.Store.ListAsync(CancellationToken.None);
        var now = _time.GetUtcNow();

        Assert.Multiple(() =>
        {
            Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain("Silenced").And.Contain($"falcon silence remove {silences.Single().Id}"));
            Assert.That(silences.Single().Until, Is.EqualTo(now.AddHours(1)));
            Assert.That(silences.Single().Comment, Is.EqualTo("looking at it"));
            Assert.That(silences.Single().CreatedBy, Is.EqualTo("alice (alarm link)"));
            Assert.That(_alarm.Store.IsSilenced("alice", "host-a", "cpu.idle", now), Is.True);
            Assert.That(_alarm.Store.IsSilenced("bob", "host-a", "cpu.idle", now), Is.False, "other recipients of the same alarm still get it");
        });
    }

    [Test]
    public async Task SilenceFromALink_EndsOnTime()
    {
        var link = LinkFor("alice", "host-a", "cpu.idle", "Silence 1h");
        using var done = await _client.PostAsync(link.AbsolutePath, Form(link));
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        _time.Advance(TimeSpan.FromMinutes(59));
        var before = _alarm.Store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = _alarm.Store.IsSilenced("alice", "host-a", "cpu.idle", _time.GetUtcNow());

        Assert.That((before, after), Is.EqualTo((true, false)));
    }

    [TestCase("u", "bob")]
    [TestCase("e", "host-b")]
    [TestCase("c", "mem.used")]
    [TestCase("d", "2592000")]
    [TestCase("x", "99999999999")]
    [TestCase("s", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ForgedLink_IsRefused_AndSilencesNothing(string parameter, string value)
    {
        var link = LinkFor("alice", "host-a", "cpu.idle", "Silence 1h");
        var forged = Replace(link, parameter, value);

        using var page = await _client.GetAsync(forged);
        using var post = await _client.PostAsync(forged.AbsolutePath, Form(forged));

        Assert.Multiple(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("not valid"));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await _alarm.Store.ListAsync(CancellationToken.None), Is.Empty);
        });
    }

    [Test]
    public async Task ExpiredLink_IsRefused_EvenFromItsOwnConfirmationPage()
    {
        var link = LinkFor("alice", "host-a", "cpu.idle", "Silence 1h");
        using var page = await _client.GetAsync(link);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        _time.Advance(TimeSpan.FromDays(1));
        using var expiredPage = await _client.GetAsync(link);
        using var post = await _client.PostAsync(link.AbsolutePath, Form(link));

        Assert.Multiple(async () =>
        {
            Assert.That(expiredPage.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
            Assert.That(await expiredPage.Content.ReadAsStringAsync(), Does.Contain("expired"));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
            Assert.That(await _alarm.Store.ListAsync(CancellationToken.None), Is.Empty);
        });
    }

    [Test]
    public async Task IncompleteLink_Is400()
    {
        var link = LinkFor("alice", "host-a", "cpu.idle", "Silence 1h");
        var cut = new Uri(link, link.AbsolutePath + "?u=alice&e=host-a");

        using var page = await _client.GetAsync(cut);
        using var notAForm = await _client.PostAsync(link.AbsolutePath, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(notAForm.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task WithLinksOff_MessagesGetNoButtons_AndLinksAre404()
    {
        var redis = await TestServers.RedisAsync();
        await using var plain = await SilenceAlarmInstance.StartAsync(
            redis.Connection,
            SilenceAlarmInstance.NewPrefix(),
            settings: new Dictionary<string, string?> { ["alarm:silences:linkBaseUrl"] = "" });
        using var client = plain.Client();
        var link = LinkFor("alice", "host-a", "cpu.idle", "Silence 1h");

        using var page = await client.GetAsync(new Uri(plain.Address, link.PathAndQuery));

        Assert.Multiple(() =>
        {
            Assert.That(plain.Links.ActionsFor("alice", "host-a", "cpu.idle"), Is.Empty);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private Uri LinkFor(string user, string endpoint, string counter, string label)
    {
        var actions = _alarm.Links.ActionsFor(user, endpoint, counter);
        Assert.That(actions.Select(a => a.Label), Is.EqualTo(new[] { "Silence 1h", "Silence 3h", "Silence 1d" }));
        var url = actions.Single(a => a.Label == label).Url;
        Assert.That(url, Does.StartWith(SilenceAlarmInstance.LinkBaseUrl + SilenceLinks.Path + "?"));
        return _alarm.LocalUrl(url);
    }

    private static Uri Replace(Uri link, string parameter, string value)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query[parameter] = value;
        return new Uri(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(link.GetLeftPart(UriPartial.Path), query));
    }

    private static FormUrlEncodedContent Form(Uri link, params (string Name, string Value)[] extra) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))
            .Concat(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value))));
}
