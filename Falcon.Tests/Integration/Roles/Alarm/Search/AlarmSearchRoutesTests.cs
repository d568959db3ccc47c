using System.Net;
using System.Text.Json;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Alarm.Search;

/// <summary>`/api/alarms` on a real listener over real databases: who sees which alarms, each filter, paging, and bad input.</summary>
[Category("Integration")]
public sealed class AlarmSearchRoutesTests
{
    private static AlarmSearchInstance _alarm = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _alarm = await AlarmSearchInstance.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _alarm.DisposeAsync();

    [Test]
    public async Task TwoUsersInDifferentTeams_SeeOnlyTheirActionsCases()
    {
        var alice = await IdsAsync(Alice(), "api/alarms");
        var bob = await IdsAsync(Bob(), "api/alarms");

        Assert.Multiple(() =>
        {
            Assert.That(alice, Is.EqualTo(new[] { "s_1_aaa", "s_1_bbb" }), "ops: the cases of template 10 (action 1)");
            // action 2's uic is "other, DBA": names are trimmed and compared as MySQL's collation does, case-insensitively
            Assert.That(bob, Is.EqualTo(new[] { "s_2_ccc", "e_5_ddd" }), "dba: template 20's case and expression 5's case (both action 2)");
        });
    }

    [Test]
    public async Task AdminToken_SeesEveryCase_NewestFirst()
    {
        var ids = await IdsAsync(_alarm.Client(bearer: AlarmSearchInstance.AdminToken), "api/alarms");

        Assert.That(ids, Is.EqualTo(new[] { "s_1_aaa", "s_1_bbb", "s_2_ccc", "e_5_ddd", "s_3_eee" }));
    }

    [Test]
    public async Task AUserWithoutTeams_SeesNothing()
    {
        var ids = await IdsAsync(_alarm.Client("frank", AlarmSearchInstance.FrankNoTeamSig), "api/alarms");

        Assert.That(ids, Is.Empty);
    }

    [Test]
    public async Task Cases_CarryTheirFieldsAndTheActionThatShowsThem()
    {
        using var client = Alice();
        var page = await PageAsync(client, "api/alarms?endpoint=web-1");
        var alarm = page.GetProperty("data")[0];

        Assert.Multiple(() =>
        {
            Assert.That(alarm.GetProperty("metric").GetString(), Is.EqualTo("cpu.idle"));
            Assert.That(alarm.GetProperty("status").GetString(), Is.EqualTo("PROBLEM"));
            Assert.That(alarm.GetProperty("note").GetString(), Is.EqualTo("cpu idle too low"));
            Assert.That(alarm.GetProperty("func").GetString(), Is.EqualTo("all(#3)"));
            Assert.That(alarm.GetProperty("currentStep").GetInt32(), Is.EqualTo(2));
            Assert.That(alarm.GetProperty("actionId").GetInt64(), Is.EqualTo(1));
            Assert.That(alarm.GetProperty("timestamp").GetDateTimeOffset().ToUnixTimeSeconds(), Is.EqualTo(AlarmSearchInstance.Base));
            Assert.That(alarm.GetProperty("updateAt").GetDateTimeOffset().ToUnixTimeSeconds(), Is.EqualTo(AlarmSearchInstance.Base + 400));
            Assert.That(alarm.TryGetProperty("events", out _), Is.False, "events only when asked for");
            Assert.That(page.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("endpoint=web-1", new[] { "s_1_aaa" })]
    [TestCase("endpoint=web-*", new[] { "s_1_aaa", "s_1_bbb", "s_3_eee" })]
    [TestCase("endpoint=web", new string[0])]
    [TestCase("metric=cpu.idle", new[] { "s_1_aaa", "s_1_bbb" })]
    [TestCase("metric=cpu.idle/core=1", new[] { "s_1_bbb" })]
    [TestCase("metric=mysql.*", new[] { "s_2_ccc", "e_5_ddd" })]
    [TestCase("metric=cpu", new string[0])]
    [TestCase("status=problem", new[] { "s_1_aaa", "s_2_ccc", "s_3_eee" })]
    [TestCase("status=OK", new[] { "s_1_bbb", "e_5_ddd" })]
    [TestCase("priority=1", new[] { "s_1_bbb", "s_2_ccc" })]
    [TestCase("priority=0,2", new[] { "s_1_aaa", "e_5_ddd" })]
    [TestCase("priority=0&priority=3", new[] { "s_1_aaa", "s_3_eee" })]
    [TestCase("q=MYSQL", new[] { "s_2_ccc", "e_5_ddd" })]
    [TestCase("q=50%25", new[] { "s_1_bbb" })]
    [TestCase("q=e_5", new[] { "e_5_ddd" })]
    [TestCase("q=mount%3D%2F", new[] { "s_3_eee" })]
    [TestCase("endpoint=db-*&status=OK", new[] { "e_5_ddd" })]
    public async Task EachFilter_SelectsItsCases(string query, string[] expected)
    {
        var ids = await IdsAsync(_alarm.Client(bearer: AlarmSearchInstance.AdminToken), "api/alarms?" + query);

        Assert.That(ids, Is.EqualTo(expected));
    }

    [Test]
    public async Task TimeRange_KeepsCasesThatOverlapIt_InUnixSecondsOrRfc3339()
    {
        var b = AlarmSearchInstance.Base;
        using var admin = _alarm.Client(bearer: AlarmSearchInstance.AdminToken);
        var updatedSince = await IdsAsync(admin, $"api/alarms?from={b + 200}");
        var begunBy = await IdsAsync(admin, $"api/alarms?to={b + 20}");
        var window = await IdsAsync(admin, $"api/alarms?from={b + 50}&to={b + 60}");
        var rfc = DateTimeOffset.FromUnixTimeSeconds(b + 200).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var rfcSince = await IdsAsync(admin, $"api/alarms?from={Uri.EscapeDataString(rfc)}");

        Assert.Multiple(() =>
        {
            Assert.That(updatedSince, Is.EqualTo(new[] { "s_1_aaa", "s_1_bbb", "s_2_ccc" }));
            Assert.That(begunBy, Is.EqualTo(new[] { "s_1_aaa", "e_5_ddd", "s_3_eee" }));
            Assert.That(window, Is.EqualTo(new[] { "s_1_aaa", "s_2_ccc", "e_5_ddd", "s_3_eee" }), "all but the case begun after the window");
            Assert.That(rfcSince, Is.EqualTo(updatedSince));
        });
    }

    [Test]
    public async Task Limit_PagesWithTheCursor_ThroughEveryCaseOnce()
    {
        using var admin = _alarm.Client(bearer: AlarmSearchInstance.AdminToken);
        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await PageAsync(admin, "api/alarms?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var ids = page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
            Assert.That(ids, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(ids);
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { "s_1_aaa", "s_1_bbb", "s_2_ccc", "e_5_ddd", "s_3_eee" }));
            Assert.That(pages, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Events_ComeWithTheCases_WhenAskedFor_NewestFirst()
    {
        using var client = Alice();
        var page = await PageAsync(client, "api/alarms?events=true");
        var first = page.GetProperty("data")[0];
        var events = first.GetProperty("events").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("id").GetString(), Is.EqualTo("s_1_aaa"));
            Assert.That(events.Select(e => e.GetProperty("step").GetInt32()), Is.EqualTo(new[] { 2, 1 }));
            Assert.That(events.Select(e => e.GetProperty("status").GetString()), Is.All.EqualTo("PROBLEM"));
            Assert.That(events[0].GetProperty("timestamp").GetDateTimeOffset().ToUnixTimeSeconds(), Is.EqualTo(AlarmSearchInstance.Base + 400));
            Assert.That(page.GetProperty("data")[1].GetProperty("events").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task CaseAndItsEvents_AreShownToItsTeams_And404ToOthers()
    {
        using var alice = Alice();
        using var bob = Bob();
        using var events = await alice.GetAsync("api/alarms/s_1_aaa/events");
        using var single = await alice.GetAsync("api/alarms/s_1_aaa");
        using var othersEvents = await bob.GetAsync("api/alarms/s_1_aaa/events");
        using var othersCase = await bob.GetAsync("api/alarms/s_1_aaa");
        using var missing = await alice.GetAsync("api/alarms/s_9_zzz/events");

        Assert.Multiple(async () =>
        {
            Assert.That(events.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Json(events)).GetProperty("data").EnumerateArray().Select(e => e.GetProperty("step").GetInt32()), Is.EqualTo(new[] { 2, 1 }));
            Assert.That((await Json(single)).GetProperty("data").GetProperty("events").GetArrayLength(), Is.EqualTo(2));
            Assert.That(othersEvents.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(othersCase.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Json(missing)).GetProperty("error").GetString(), Does.Contain("s_9_zzz"));
        });
    }

    [TestCase(null, null, null, "no credentials")]
    [TestCase("dave", AlarmSearchInstance.DaveExpiredSig, null, "expired")]
    [TestCase("alice", "0123456789abcdef0123456789abcdef", null, "no session")]
    [TestCase("bob", AlarmSearchInstance.AliceSig, null, "no session")]
    [TestCase(null, null, "not-the-token", "not this alarm's host.adminToken")]
    public async Task MissingUnknownOrExpiredCredentials_Are401(string? user, string? sig, string? bearer, string problem)
    {
        // The test client is on loopback: that alone admits no one.
        using var client = _alarm.Client(user, sig, bearer);
        using var response = await client.GetAsync("api/alarms");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await Json(response)).GetProperty("error").GetString(), Does.Contain(problem));
        });
    }

    [TestCase("not json")]
    [TestCase("""{"name":"alice"}""")]
    [TestCase("""{"name":"alice","sig":7}""")]
    [TestCase("[]")]
    public async Task AMalformedApitokenHeader_Is401(string header)
    {
        using var client = _alarm.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Apitoken", header);
        using var response = await client.GetAsync("api/alarms");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await Json(response)).GetProperty("error").GetString(), Does.Contain("Apitoken header is not"));
        });
    }

    [Test]
    public async Task ABlockedUser_Is403()
    {
        using var client = _alarm.Client("eve", AlarmSearchInstance.EveBlockedSig);
        using var response = await client.GetAsync("api/alarms");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("status=BROKEN", "status must be PROBLEM or OK")]
    [TestCase("priority=high", "priority must be a number")]
    [TestCase("priority=-1", "priority must be a number")]
    [TestCase("from=yesterday", "from must be unix seconds")]
    [TestCase("to=2026-11-24T10:00:00", "with a zone")]
    [TestCase("from=200&to=100", "from is after to")]
    [TestCase("limit=0", "limit must be a number from 1 to 100")]
    [TestCase("limit=101", "alarm.search.maxLimit")]
    [TestCase("limit=ten", "limit must be")]
    [TestCase("cursor=bm9wZQ", "cursor is not one this API gave")]
    [TestCase("cursor=%25%25", "cursor is not one this API gave")]
    [TestCase("endpoint=we*b", "'*' is allowed only at the end")]
    [TestCase("events=maybe", "events must be true or false")]
    [TestCase("status=OK&status=PROBLEM", "status is given 2 times")]
    [TestCase("hostname=web-1", "unknown parameter 'hostname'")]
    public async Task BadParameters_Are400_NamingTheProblem(string query, string problem)
    {
        using var client = Alice();
        using var response = await client.GetAsync("api/alarms?" + query);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await Json(response)).GetProperty("error").GetString(), Does.Contain(problem));
        });
    }

    [Test]
    public async Task ALongTextParameter_Is400()
    {
        using var client = Alice();
        using var response = await client.GetAsync("api/alarms?q=" + new string('x', 201));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("' OR '1'='1")]
    [TestCase("x'; DROP TABLE event_cases; --")]
    [TestCase("%' OR 1=1 #")]
    [TestCase("\\' OR 1=1 -- ")]
    [TestCase("___")]
    [TestCase("%%%")]
    public async Task SqlInjectionInText_FindsNothingAndChangesNothing(string text)
    {
        using var client = Alice();
        var inText = await IdsAsync(client, "api/alarms?q=" + Uri.EscapeDataString(text));
        var inEndpoint = await IdsAsync(client, "api/alarms?endpoint=" + Uri.EscapeDataString(text.Replace("*", "", StringComparison.Ordinal)));
        var inMetric = await IdsAsync(client, "api/alarms?metric=" + Uri.EscapeDataString(text) + "*");
        await using var connection = await _alarm.Database.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var count = new MySqlCommand("SELECT COUNT(*) FROM event_cases", connection);

        Assert.Multiple(async () =>
        {
            Assert.That(inText, Is.Empty);
            Assert.That(inEndpoint, Is.Empty);
            Assert.That(inMetric, Is.Empty);
            Assert.That(Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(5));
        });
    }

    [Test]
    public async Task InjectionInTheApitoken_IsJustAnUnknownSession()
    {
        using var client = _alarm.Client("alice' OR '1'='1", "' OR '1'='1");
        using var response = await client.GetAsync("api/alarms");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static HttpClient Alice() => _alarm.Client("alice", AlarmSearchInstance.AliceSig);

    private static HttpClient Bob() => _alarm.Client("bob", AlarmSearchInstance.BobSig);

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        var page = await PageAsync(client, path);
        return page.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
