using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Falcon.Tests.Integration.Roles.Console.Config;

/// <summary>Test fire, history with restore, the people forms, and a host's applying strategies and maintenance.</summary>
public sealed partial class ConsoleConfigBrowserTests
{
    [Test]
    public async Task TestFire_ShowsRecipientsAndChannels_AndSendsNothing()
    {
        const string Host = "fire-web-01";
        await AdminAsync(HttpMethod.Post, "/api/templates", new { name = "fire-tpl", parent = (string?)null });
        var strategy = await AdminAsync(HttpMethod.Post, "/api/templates/fire-tpl/strategies", new
        {
            metric = "cpu.idle", tags = "", func = "all(#3)", op = "<", rightValue = "10", maxStep = 3, priority = 0, runBegin = "", runEnd = "", note = "cpu busy",
        });
        await AdminAsync(HttpMethod.Put, "/api/templates/fire-tpl/action", new
        {
            teams = new[] { "ops" }, url = "", callback = false, beforeCallbackSms = false, beforeCallbackMail = false, afterCallbackSms = false, afterCallbackMail = false,
            phone = false, im = true, groupChat = false, groupChats = Array.Empty<string>(), escalations = Array.Empty<object>(),
        });
        var id = strategy.GetProperty("id").GetInt64();
        var before = _stack.Im.RequestCount;

        var page = await SignedInPageAsync("alice", ConsoleStack.AlicePassword);
        await GoAsync(page, "#/templates/fire-tpl");
        await page.ClickAsync($"#strategies tr[data-strategy='{id}'] button.test");
        var panel = page.Locator($"form.test-fire[data-strategy='{id}']");
        await panel.Locator("input[name=endpoint]").FillAsync(Host);
        await panel.Locator("button[type=submit]").ClickAsync();

        var result = page.Locator(".fire-result");
        await Assertions.Expect(result).ToContainTextAsync("nothing was sent");
        await Assertions.Expect(result.Locator("tr[data-user='alice']")).ToContainTextAsync("im");
        await Assertions.Expect(result.Locator("tr[data-user='carol']")).ToContainTextAsync("im");
        await Assertions.Expect(result.Locator("tr[data-user='bob']")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "config-test-fire");
        Assert.That(_stack.Im.Requests.Skip(before).Any(r => r.Body.Contains(Host, StringComparison.Ordinal)), Is.False, "a dry run sends nothing");
    }

    [Test]
    public async Task History_ShowsTheDiff_AndRestoresTheOldVersion()
    {
        const string Group = "hist-group";
        await AdminAsync(HttpMethod.Post, "/api/groups", new { name = Group, tags = new[] { "hist/old" } });
        await AdminAsync(HttpMethod.Put, $"/api/groups/{Group}", new { name = Group, tags = new[] { "hist/new" } });

        var page = await SignedInPageAsync("root", "root-secret");
        await GoAsync(page, $"#/history/{Group}");
        var rows = page.Locator("#history tbody tr[data-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        // Newest first: the change of tags, then the creation.
        await rows.First.ClickAsync();
        var diff = page.Locator("#history-diff");
        await Assertions.Expect(diff.Locator(".del")).ToContainTextAsync("hist/old");
        await Assertions.Expect(diff.Locator(".add")).ToContainTextAsync("hist/new");
        await ScreenshotAsync(page, "config-history");

        // Restoring the creation's version brings the old tag back, as a new audited change.
        await rows.Last.ClickAsync();
        await page.ClickAsync("#history-restore");
        await Assertions.Expect(page.Locator("#history-message")).ToContainTextAsync("Restored");
        var group = await _admin.GetFromJsonAsync<JsonElement>($"/api/groups/{Group}");
        Assert.That(group.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "hist/old" }));
        await Assertions.Expect(rows).ToHaveCountAsync(3);
    }

    [Test]
    public async Task UsersAndTeams_AdminCreatesThem_AndAPersonEditsTheirOwnDetails()
    {
        // A user the LDAP sign-in created has no console password: the list marks them.
        await _stack.Database.ExecuteAsync($"INSERT INTO `{_stack.Database.Databases.Uic.Name}`.`user` (name, passwd, cnname) VALUES ('lena-ldap', '', 'Lena')");
        var page = await SignedInPageAsync("root", "root-secret");
        await GoAsync(page, "#/users");
        await Assertions.Expect(page.Locator("#users tr[data-user='lena-ldap'] .badge.no-password")).ToHaveTextAsync("LDAP");
        await Assertions.Expect(page.Locator("#users tr[data-user='carol'] .badge.no-password")).ToHaveCountAsync(0);
        await page.ClickAsync("#user-new");
        await page.FillAsync("#user-form input[name=name]", "dave");
        await page.FillAsync("#user-form input[name=password]", "dave-secret-1");
        await page.FillAsync("#user-form input[name=email]", "dave@example.com");
        await page.FillAsync("#user-form input[name=im]", "dave.im");
        await page.ClickAsync("#user-form button[type=submit]");
        await Assertions.Expect(page.Locator("#users tr[data-user='dave']")).ToContainTextAsync("dave.im");
        await ScreenshotAsync(page, "config-users");

        await GoAsync(page, "#/teams");
        await page.ClickAsync("#team-new");
        await page.FillAsync("#team-form input[name=name]", "people-team");
        await page.FillAsync("#team-form textarea[name=members]", "dave, carol");
        await page.ClickAsync("#team-form button[type=submit]");
        await Assertions.Expect(page.Locator("#teams tr[data-team='people-team']")).ToContainTextAsync("dave");
        var team = await _admin.GetFromJsonAsync<JsonElement>("/api/teams/people-team");
        Assert.That(team.GetProperty("members").EnumerateArray().Select(m => m.GetString()), Is.EquivalentTo(new[] { "carol", "dave" }));

        // dave signs in with the password the admin gave and changes his IM id himself.
        var own = await SignedInPageAsync("dave", "dave-secret-1");
        await GoAsync(own, "#/me");
        await own.FillAsync("#me-form input[name=im]", "dave.new.im");
        await own.ClickAsync("#me-form button[type=submit]");
        await Assertions.Expect(own.Locator("#me-message")).ToContainTextAsync("Saved");
        var users = await _admin.GetFromJsonAsync<JsonElement>("/api/users");
        var dave = users.EnumerateArray().Single(u => u.GetProperty("name").GetString() == "dave");
        Assert.That(dave.GetProperty("im").GetString(), Is.EqualTo("dave.new.im"));
    }

    [Test]
    public async Task HostPage_ShowsWhichStrategiesApply_ThroughWhichGroupAndTemplate_AndItsMaintenanceWindow()
    {
        const string Host = "apply-db-01";
        await AdminAsync(HttpMethod.Post, "/api/templates", new { name = "apply-base", parent = (string?)null });
        await AdminAsync(HttpMethod.Post, "/api/templates", new { name = "apply-db", parent = "apply-base" });
        await AdminAsync(HttpMethod.Post, "/api/templates/apply-base/strategies", Strategy("df.bytes.free.percent", "mount=/", "10"));
        await AdminAsync(HttpMethod.Post, "/api/templates/apply-db/strategies", Strategy("mysql.alive", "", "1"));
        await AdminAsync(HttpMethod.Post, "/api/groups", new { name = "apply-db-group", tags = new[] { "apply/db" } });
        await AdminAsync(HttpMethod.Post, "/api/groups/apply-db-group/hosts", new { hosts = new[] { Host }, pattern = "" });
        await AdminAsync(HttpMethod.Put, "/api/groups/apply-db-group/templates/apply-db");

        var page = await SignedInPageAsync("alice", ConsoleStack.AlicePassword);
        await GoAsync(page, $"#/hosts/{Host}");
        var table = page.Locator("#host-strategies");
        await Assertions.Expect(table.Locator("tr[data-metric='mysql.alive']")).ToContainTextAsync("apply-db-group");
        var inherited = table.Locator("tr[data-metric='df.bytes.free.percent']");
        await Assertions.Expect(inherited).ToContainTextAsync("apply-db → apply-base");
        await Assertions.Expect(inherited).ToContainTextAsync("mount=/");

        await page.ClickAsync("#maintenance-form button[type=submit]");
        await Assertions.Expect(page.Locator("#maintenance-now")).ToContainTextAsync("In maintenance");
        await ScreenshotAsync(page, "config-host");
        await page.ClickAsync("#maintenance-clear");
        await Assertions.Expect(page.Locator("#maintenance-now")).ToContainTextAsync("No maintenance window");
    }

    private static object Strategy(string metric, string tags, string right) => new
    {
        metric, tags, func = "all(#3)", op = "<", rightValue = right, maxStep = 3, priority = 2, runBegin = "", runEnd = "", note = "",
    };
}
