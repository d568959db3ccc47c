using System.Net.Http.Json;
using System.Text.Json;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// The console in a real headless Chromium against hbs, alarm and console roles over real servers: sign-in, team
/// visibility, silencing from a row (the next event skips me, my teammate still gets it), acknowledging, refusals.
/// Each page is photographed into docs/screenshots/ for the README.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed partial class ConsoleBrowserTests
{
    private static ConsoleStack _stack = null!;
    private static IPlaywright _playwright = null!;
    private static IBrowser _browser = null!;
    private static ConnectionMultiplexer _redis = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await ConsoleStack.StartAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync((await TestServers.RedisAsync()).Connection);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _redis.DisposeAsync();
        await _stack.StopAllAsync();
    }

    [Test]
    public async Task WrongPassword_IsRefused_AndNoSessionIsWritten()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_stack.HttpAddress.ToString());
        await page.FillAsync("#signin input[name=name]", "alice");
        await page.FillAsync("#signin input[name=password]", "not-her-password");
        await page.ClickAsync("#signin button[type=submit]");

        await Assertions.Expect(page.Locator("#signin-error")).ToContainTextAsync("wrong user name or password");
        await Chromium.ScreenshotAsync(page, "signin");
        var cookies = await page.Context.CookiesAsync();
        Assert.That(cookies.Any(c => c.Name == "falcon_console"), Is.False, "no session cookie after a wrong password");
    }

    [Test]
    public async Task SignIn_ShowsMyTeamsOpenAlarms_AndNotAnotherTeams()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await InsertCaseAsync("s_1_opsvisible00000000000000000001", "web-09", 7, now - 120);
        await InsertCaseAsync("s_2_dbahidden000000000000000000001", "db-09", 8, now - 60);

        var page = await SignedInPageAsync();
        await Assertions.Expect(page.Locator("tr[data-id='s_1_opsvisible00000000000000000001']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr[data-id='s_2_dbahidden000000000000000000001']")).ToHaveCountAsync(0);
        await Chromium.ScreenshotAsync(page, "alarms");
    }

    [Test]
    public async Task SilenceFromItsRow_TheNextEventSkipsMe_WhileMyTeammateStillGetsIt()
    {
        var page = await SignedInPageAsync();
        var before = _stack.Im.RequestCount;
        await PushAsync(Event("s_7_silence000000000000000000000001", "web-21", step: 1, 0));
        var first = await Poll.ForAsync(() => Task.FromResult(_stack.Im.Requests.Skip(before).ToList()), r => r.Count >= 1, TimeSpan.FromSeconds(30));
        Assert.That(first[0].Body, Does.Contain("alice.im").And.Contain("carol.im"), "both ops members get the first event");

        var row = page.Locator("tr[data-id='s_7_silence000000000000000000000001']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await row.Locator("select.silence-for").SelectOptionAsync("1h");
        await Assertions.Expect(row.Locator(".silenced")).ToContainTextAsync("alice", new() { Timeout = 15_000 });

        var sent = _stack.Im.RequestCount;
        await PushAsync(Event("s_7_silence000000000000000000000001", "web-21", step: 2, 60));
        var second = await Poll.ForAsync(() => Task.FromResult(_stack.Im.Requests.Skip(sent).ToList()), r => r.Count >= 1, TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(second[0].Body, Does.Contain("carol.im"), "carol did not silence it");
            Assert.That(second[0].Body, Does.Not.Contain("alice.im"), "alice silenced it from its row");
        });
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/silences").ToString());
        await Assertions.Expect(page.Locator("#silences tbody tr").First).ToContainTextAsync("web-21");
        await Chromium.ScreenshotAsync(page, "silences");
    }

    [Test]
    public async Task Acknowledge_WritesOpenFalconsNoteAndStatus_AndTheTeamSeesWhoAndWhy()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string Id = "s_1_acknowledge000000000000000001";
        await InsertCaseAsync(Id, "web-31", 7, now - 30);
        var page = await SignedInPageAsync();
        var row = page.Locator($"tr[data-id='{Id}']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync("disk replaced, watching");
        await row.Locator("button.ack").ClickAsync();
        await Assertions.Expect(row.Locator("td.process")).ToContainTextAsync("✔", new() { Timeout = 15_000 });

        var status = await _stack.AlarmsScalarAsync("SELECT process_status FROM event_cases WHERE id = @id", ("@id", Id));
        var note = await _stack.AlarmsScalarAsync("SELECT note FROM event_note WHERE event_caseId = @id AND status = 'in progress'", ("@id", Id));
        var user = await _stack.AlarmsScalarAsync("SELECT user_id FROM event_note WHERE event_caseId = @id", ("@id", Id));
        var linked = await _stack.AlarmsScalarAsync("SELECT COUNT(*) FROM event_cases c JOIN event_note n ON n.id = c.process_note WHERE c.id = @id", ("@id", Id));
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo("in progress"));
            Assert.That(note, Is.EqualTo("disk replaced, watching"));
            Assert.That(Convert.ToInt64(user, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1), "alice's uic id");
            Assert.That(Convert.ToInt64(linked, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1), "process_note points at the note");
        });

        await row.Locator("td").Nth(2).ClickAsync();
        await Assertions.Expect(page.Locator("#alarm-detail .notes")).ToContainTextAsync("alice");
        await Assertions.Expect(page.Locator("#alarm-detail .notes")).ToContainTextAsync("disk replaced, watching");
    }

    [Test]
    public async Task CrossSiteFormPosts_AreRejected()
    {
        var page = await SignedInPageAsync();
        var silencesBefore = await SilenceCountAsync();
        var target = new Uri(_stack.HttpAddress, "/api/silences");
        var login = new Uri(_stack.HttpAddress, "/api/login");
        // A page on another site that posts forms to the console in the signed-in browser.
        // text/plain lets a plain form send a body that parses as JSON: the classic way around "JSON APIs need no CSRF check".
        const string Json = "{\"scope\":\"me\",\"endpoint\":\"*\",\"counter\":\"cpu.idle\",\"for\":\"24h\",\"x\":\"";
        var html = "<form id=\"s\" method=\"post\" enctype=\"text/plain\" action=\"" + target + "\"><input name='" + Json + "' value='\"}'></form>"
            + "<form id=\"l\" method=\"post\" action=\"" + login + "\"><input name=\"name\" value=\"alice\"><input name=\"password\" value=\"x\"></form>";
        await page.Context.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = html }));
        await page.GotoAsync("http://attacker.test/");
        var silence = await page.RunAndWaitForResponseAsync(() => page.EvalOnSelectorAsync("#s", "f => f.submit()"), target.ToString());
        Assert.That(silence.Status, Is.EqualTo(401).Or.EqualTo(403), "the silence form from another site");

        var second = await page.Context.NewPageAsync();
        await second.GotoAsync("http://attacker.test/");
        var signIn = await second.RunAndWaitForResponseAsync(() => second.EvalOnSelectorAsync("#l", "f => f.submit()"), login.ToString());
        Assert.That(signIn.Status, Is.EqualTo(403), "a sign-in form from another site");
        Assert.That(await SilenceCountAsync(), Is.EqualTo(silencesBefore), "no silence was added");
    }

    [Test]
    public async Task UnknownApiPaths_AnswerJson404_AndApiCallsWithoutASession401_NeverThePage()
    {
        using var http = new HttpClient { BaseAddress = _stack.HttpAddress };
        var unknown = await http.GetAsync("/api/no-such-thing");
        var unauthenticated = await http.GetAsync("/api/alarms");
        var page = await http.GetAsync("/anything/else");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
            Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That((int)unauthenticated.StatusCode, Is.EqualTo(401));
            Assert.That(html, Does.Contain("<div id=\"app\">"), "other paths are the page");
        });
    }

    [Test]
    public async Task AdminToken_ReadsTheApiWithoutASession()
    {
        using var http = new HttpClient { BaseAddress = _stack.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", ConsoleStack.AdminToken);
        var session = await http.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.That(session.GetProperty("admin").GetBoolean(), Is.True);
    }

    private static async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "en-US" });
        return await context.NewPageAsync();
    }

    private static async Task<IPage> SignedInPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/alarms").ToString());
        await page.FillAsync("#signin input[name=name]", "alice");
        await page.FillAsync("#signin input[name=password]", ConsoleStack.AlicePassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signout")).ToBeVisibleAsync();
        return page;
    }

    private static async Task<int> SilenceCountAsync()
    {
        using var http = new HttpClient { BaseAddress = _stack.AlarmUrl };
        var list = await http.GetFromJsonAsync<JsonElement>("/api/silences");
        return list.GetProperty("data").GetArrayLength();
    }

    private static Task InsertCaseAsync(string id, string endpoint, long template, long at) =>
        InsertCaseAsync(id, endpoint, template, at, "cpu.idle", "PROBLEM");

    private static async Task InsertCaseAsync(string id, string endpoint, long template, long at, string metric, string status, string note = "cpu busy") =>
        await _stack.AlarmsScalarAsync(
            """
            INSERT INTO event_cases (id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, `timestamp`, update_at,
              tpl_creator, expression_id, strategy_id, template_id, process_status)
            VALUES (@id, @endpoint, @metric, 'all(#3)', '5 < 10', @note, 3, 1, 0, @status, FROM_UNIXTIME(@at), FROM_UNIXTIME(@at), 'root', 0, 1, @tpl, 'unresolved')
            """,
            ("@id", id), ("@endpoint", endpoint), ("@at", at), ("@tpl", template), ("@metric", metric), ("@status", status), ("@note", note));

    private static JudgeEvent Event(string id, string endpoint, int step, long offset) =>
        TestEvents.Strategy(id: id, priority: 0, endpoint: endpoint, currentStep: step, eventTime: DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offset);

    private static async Task PushAsync(JudgeEvent e) =>
        await _redis.GetDatabase().ListLeftPushAsync(_stack.Queue(e.Priority), TestEvents.Json(e));
}
