using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Roles.Alarm.Role;
using Falcon.Tests.Integration.Roles.Alarm.Routing;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Alarm.Consumption;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Alarm.DryRun;

/// <summary>
/// `POST /api/dryrun` on a whole alarm role over real Redis and MariaDB with a fake IM provider: who an alarm would
/// reach on which channels, through the role's own routing, and nothing sent, queued or recorded.
/// </summary>
[Category("Integration")]
public sealed class DryRunTests
{
    private PortalDatabase _db = null!;
    private FakeProviderServer _im = null!;
    private AlarmInstance _alarm = null!;
    private HttpClient _http = null!;
    private ConnectionMultiplexer _redis = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        var redis = await TestServers.RedisAsync();
        _db = await PortalDatabase.CreateAsync();
        await DryRunSeed.ApplyAsync(_db);
        _im = await FakeProviderServer.StartAsync();
        _alarm = await AlarmInstance.StartAsync(redis, _db, "dry-" + Guid.NewGuid().ToString("N")[..8], _im.Url("/hook"), "alarm.consumer.workers=1");
        _http = new HttpClient { BaseAddress = _alarm.HttpAddress };
        _redis = await ConnectionMultiplexer.ConnectAsync(redis.Connection);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _http.Dispose();
        await _alarm.DisposeAsync();
        await _im.DisposeAsync();
        await _db.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task DryRun_ListsTheUsersAndChannels_FlagsTheSilencedUser_AndSendsNothing()
    {
        using (var silenced = await _http.PostAsJsonAsync("api/silences", new { user = "bob", endpoint = "web-01", counter = "cpu.idle", @for = "1h", comment = "on leave" }))
        {
            Assert.That(silenced.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var answer = await DryRunAsync(new { strategyId = 10, endpoint = "web-01" });

        var alice = Recipient(answer, "alice");
        var bob = Recipient(answer, "bob");
        var escalation = answer.GetProperty("escalations").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("eventId").GetString(), Is.EqualTo("s_10_" + Md5("web-01/cpu.idle")), "judge's event id");
            Assert.That(answer.GetProperty("template").GetString(), Is.EqualTo("web"), "the bound child template, whose action hbs hands the strategy with");
            Assert.That(answer.GetProperty("actionId").GetInt64(), Is.EqualTo(1));
            Assert.That(answer.GetProperty("immediate").GetBoolean(), Is.True, "P0 is a high queue");
            Assert.That(Strings(alice.GetProperty("channels")), Is.EqualTo(new[] { "phone", "sms", "im", "mail" }));
            Assert.That(alice.GetProperty("addresses").GetProperty("im").GetString(), Is.EqualTo("alice.im"));
            Assert.That(alice.GetProperty("addresses").GetProperty("phone").GetString(), Is.EqualTo("13800000001"));
            Assert.That(alice.GetProperty("silenced").GetBoolean(), Is.False);
            Assert.That(bob.GetProperty("silenced").GetBoolean(), Is.True);
            Assert.That(Strings(bob.GetProperty("channels")), Is.Empty);
            Assert.That(Strings(answer.GetProperty("groupChats")), Is.EqualTo(new[] { "chat-ops" }));
            Assert.That(answer.GetProperty("callback").GetString(), Does.StartWith(DryRunSeed.CallbackUrl + "?endpoint=web-01&metric=cpu.idle&status=PROBLEM"));
            Assert.That(escalation.GetProperty("afterMinutes").GetInt32(), Is.EqualTo(30));
            Assert.That(Strings(escalation.GetProperty("teams")), Is.EqualTo(new[] { "sre" }));
            Assert.That(Strings(escalation.GetProperty("users")), Is.EqualTo(new[] { "carol" }));
            Assert.That(Strings(answer.GetProperty("notes")), Has.Some.Contains("no phone channel is configured"));
        });

        // Nothing was recorded, queued or handed to delivery; the dry run answered only after planning, so it is all
        // there to see now.
        var server = _redis.GetServer(_redis.GetEndPoints()[0]);
        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync("SELECT COUNT(*) FROM event_cases"), Is.Zero);
            Assert.That(await CountAsync("SELECT COUNT(*) FROM events"), Is.Zero);
            Assert.That(server.Keys(pattern: _alarm.Prefix + ":delivery*").ToList(), Is.Empty, "no delivery outbox entry");
            Assert.That(server.Keys(pattern: _alarm.Prefix + ":/queue/user/*").ToList(), Is.Empty, "no combiner entry");
        });

        // A real event behind it reaches the fake provider, alone: the dry run sent nothing ahead of it.
        await PushAsync(TestEvents.Strategy(id: "s_99_00000000000000000000000000000001", actionId: 3, endpoint: "barrier-host"));
        await Poll.UntilAsync(() => Task.FromResult(_im.RequestCount >= 1), TimeSpan.FromSeconds(30), "the real event's IM");
        Assert.That(_im.Requests.Select(static r => r.Body), Has.All.Contains("barrier-host"));
    }

    [Test]
    public async Task DryRun_HonoursTheActionSwitches_AndSoDoesTheRealRoute()
    {
        var answer = await DryRunAsync(new { strategyId = 20, endpoint = "web-01" });

        var switches = answer.GetProperty("switches");
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("eventId").GetString(), Is.EqualTo("s_20_" + Md5("web-01/disk.full/mount=/")));
            Assert.That(answer.GetProperty("template").GetString(), Is.EqualTo("quiet"));
            Assert.That(Strings(Recipient(answer, "alice").GetProperty("channels")), Is.EqualTo(new[] { "sms", "mail" }), "no phone, no IM");
            Assert.That(Strings(Recipient(answer, "bob").GetProperty("channels")), Is.EqualTo(new[] { "sms", "mail" }), "bob silenced nothing of this");
            Assert.That(Strings(answer.GetProperty("groupChats")), Is.Empty);
            Assert.That(switches.GetProperty("phone").GetBoolean() || switches.GetProperty("im").GetBoolean() || switches.GetProperty("groupChat").GetBoolean(), Is.False);
            Assert.That(answer.GetProperty("callback").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });

        // The consumer routes the same way: action 2's event sends no IM; the event behind it (action 3) does.
        await PushAsync(TestEvents.Strategy(id: "s_20_00000000000000000000000000000002", actionId: 2, endpoint: "quiet-host"));
        await PushAsync(TestEvents.Strategy(id: "s_99_00000000000000000000000000000003", actionId: 3, endpoint: "barrier-host"));
        await Poll.UntilAsync(() => Task.FromResult(_im.RequestCount >= 1), TimeSpan.FromSeconds(30), "the second event's IM");
        await Poll.UntilAsync(async () => await CountAsync("SELECT COUNT(*) FROM events") == 2, TimeSpan.FromSeconds(30), "both events recorded");
        Assert.That(_im.Requests.Select(static r => r.Body), Has.All.Contains("barrier-host").And.None.Contains("quiet-host"));
    }

    [Test]
    public async Task DryRun_OfAHostNotBoundToTheStrategy_SaysJudgeWouldNotRaiseIt()
    {
        var answer = await DryRunAsync(new { strategyId = 10, endpoint = "db-01" });

        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("template").GetString(), Is.EqualTo("base"));
            Assert.That(answer.GetProperty("recipients").GetArrayLength(), Is.Zero, "base has no action");
            Assert.That(Strings(answer.GetProperty("notes")), Has.Some.Contains("judge would not raise this event"));
            Assert.That(Strings(answer.GetProperty("notes")), Has.Some.Contains("has no action"));
        });
    }

    [Test]
    public async Task DryRun_OfALowPriorityExpression_IsCombinedLater_AndNeverCalls()
    {
        var answer = await DryRunAsync(new { expressionId = 30, endpoint = "web-01" });

        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("eventId").GetString(), Is.EqualTo("e_30_" + Md5("web-01/net.in/iface=eth0")));
            Assert.That(answer.GetProperty("priority").GetInt32(), Is.EqualTo(3));
            Assert.That(answer.GetProperty("immediate").GetBoolean(), Is.False, "P3 is a low queue: combined per user and metric");
            Assert.That(Strings(Recipient(answer, "alice").GetProperty("channels")), Is.EqualTo(new[] { "im", "mail" }), "no SMS from P3, no call");
        });
    }

    [TestCase("Authorization", "Bearer not-the-admin-token-0123456789abcdef")]
    [TestCase("Sec-Fetch-Site", "cross-site")]
    public async Task DryRun_ForACallerThatIsNotAdmitted_Is403(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/dryrun") { Content = JsonContent.Create(new { strategyId = 10, endpoint = "web-01" }) };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("""{"strategyId":999,"endpoint":"web-01"}""", HttpStatusCode.NotFound, "no strategy 999")]
    [TestCase("""{"expressionId":999,"endpoint":"web-01"}""", HttpStatusCode.NotFound, "no expression 999")]
    [TestCase("""{"strategyId":10}""", HttpStatusCode.BadRequest, "endpoint")]
    [TestCase("""{}""", HttpStatusCode.BadRequest, "strategyId")]
    [TestCase("""{"strategyId":""", HttpStatusCode.BadRequest, "not dry run JSON")]
    [TestCase("""{"event":{"id":""}}""", HttpStatusCode.BadRequest, "event: the event has no id")]
    public async Task DryRun_OfBadOrUnknownInput_AnswersWithAMessage(string body, HttpStatusCode status, string message)
    {
        using var response = await _http.PostAsync("api/dryrun", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("msg").GetString(), Does.Contain(message));
        });
    }

    [Test]
    public async Task ADryRunRightAfterTheActionChanged_ShowsTheNewRecipients_NotTheCachedOnes()
    {
        var before = await DryRunAsync(new { strategyId = 10, endpoint = "web-01" });
        await AlarmIntake.ExecuteAsync(_db.Databases.Portal, "UPDATE action SET uic = 'sre' WHERE id = 1");

        var after = await DryRunAsync(new { strategyId = 10, endpoint = "web-01" });

        Assert.Multiple(() =>
        {
            Assert.That(Users(before), Is.EquivalentTo(new[] { "alice", "bob" }));
            Assert.That(Users(after), Is.EquivalentTo(new[] { "carol" }), "the person who just saved the action sees what they saved (alarm.routing.cacheTtl is a minute)");
        });
    }

    [Test]
    public async Task AStrategyAChildTemplateOverrides_IsSaidToBeReplaced_AndTheChildsOwnIsNot()
    {
        // Template web (bound to web-01's group) inherits base's strategy 10 on cpu.idle; its own one on cpu.idle replaces it.
        await AlarmIntake.ExecuteAsync(_db.Databases.Portal, """
            INSERT INTO strategy (id, metric, tags, func, op, right_value, max_step, priority, note, tpl_id)
              VALUES (11, 'cpu.idle', '', 'all(#1)', '<', '5', 3, 0, 'web override', 2), (12, 'cpu.idle', 'core=0', 'all(#1)', '<', '5', 3, 0, 'other tags', 2);
            """);

        var parent = await DryRunAsync(new { strategyId = 10, endpoint = "web-01" });
        var child = await DryRunAsync(new { strategyId = 11, endpoint = "web-01" });
        await AlarmIntake.ExecuteAsync(_db.Databases.Portal, "DELETE FROM strategy WHERE id = 11");
        var withOnlyOtherTags = await DryRunAsync(new { strategyId = 10, endpoint = "web-01" });

        Assert.Multiple(() =>
        {
            Assert.That(Strings(parent.GetProperty("notes")), Has.Some.StartsWith("on web-01 strategy 11 of template web replaces this one"));
            Assert.That(Strings(child.GetProperty("notes")), Has.None.Contains("replaces this one"));
            Assert.That(Strings(withOnlyOtherTags.GetProperty("notes")), Has.None.Contains("replaces this one"), "core=0 is another series");
        });
    }

    [Test]
    public async Task AStrategyOutsideItsRunWindowNow_IsSaidNotToFireNow_AndInsideItIsNot()
    {
        // Local time, as hbs compares it; two hours ahead is outside now even when the window crosses midnight.
        var now = DateTime.Now;
        string At(double hours) => now.AddHours(hours).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await AlarmIntake.ExecuteAsync(_db.Databases.Portal, $"UPDATE strategy SET run_begin = '{At(2)}', run_end = '{At(3)}' WHERE id = 10");
        var outside = await DryRunAsync(new { strategyId = 10, endpoint = "web-01" });
        await AlarmIntake.ExecuteAsync(_db.Databases.Portal, $"UPDATE strategy SET run_begin = '{At(-1)}', run_end = '{At(1)}' WHERE id = 10");
        var inside = await DryRunAsync(new { strategyId = 10, endpoint = "web-01" });

        Assert.Multiple(() =>
        {
            Assert.That(Strings(outside.GetProperty("notes")), Has.Some.StartsWith($"the strategy runs only from {At(2)} to {At(3)}"));
            Assert.That(Strings(inside.GetProperty("notes")), Has.None.Contains("runs only from"));
        });
    }

    private static string[] Users(JsonElement answer) =>
        [.. answer.GetProperty("recipients").EnumerateArray().Select(static r => r.GetProperty("user").GetString()!)];

    private async Task<JsonElement> DryRunAsync(object request)
    {
        using var response = await _http.PostAsJsonAsync("api/dryrun", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task PushAsync(Falcon.Shared.Model.Events.JudgeEvent e) =>
        await _redis.GetDatabase().ListLeftPushAsync(_alarm.Queue(0), TestEvents.Json(e));

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _db.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        await using var command = new MySqlConnector.MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonElement Recipient(JsonElement answer, string user) =>
        answer.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("user").GetString() == user);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(static e => e.GetString()!)];

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "open-falcon's event ids are md5")]
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
