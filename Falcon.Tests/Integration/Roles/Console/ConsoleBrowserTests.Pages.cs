using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>The alarms search, a row's history and chart, the silences page and the browser notification, in Chromium.</summary>
public sealed partial class ConsoleBrowserTests
{
    [Test]
    public async Task AlarmSearch_FiltersByEndpointMetricStatusAndTimeRange_ThroughTheAlarmRole()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await InsertCaseAsync("s_1_search_web1_disk", "srch-web-1", 7, now - 3 * 3600, "disk.io.util", "PROBLEM", "disk busy");
        await InsertCaseAsync("s_1_search_web2_cpu", "srch-web-2", 7, now - 2 * 3600, "cpu.idle", "OK");
        await InsertCaseAsync("s_1_search_db1_disk", "srch-db-1", 7, now - 3 * 86400, "disk.io.util", "PROBLEM", "disk busy");
        await InsertCaseAsync("s_2_search_dba_disk", "srch-web-3", 8, now - 3600, "disk.io.util", "PROBLEM", "disk busy");
        var page = await SignedInPageAsync();
        var rows = page.Locator("#alarms tbody tr[data-id^='s_']");

        await page.FillAsync("#alarm-search input[name=endpoint]", "srch-*");
        await page.SelectOptionAsync("#alarm-search select[name=status]", "");
        await page.ClickAsync("#alarm-search button[type=submit]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("tr[data-id='s_2_search_dba_disk']")).ToHaveCountAsync(0);

        await page.FillAsync("#alarm-search input[name=metric]", "disk.io.util");
        await page.SelectOptionAsync("#alarm-search select[name=status]", "PROBLEM");
        await page.ClickAsync("#alarm-search button[type=submit]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("tr[data-id='s_1_search_web2_cpu']")).ToHaveCountAsync(0);

        // The picker takes the browser's local time: set it from unix seconds there.
        await page.EvalOnSelectorAsync(
            "#alarm-search input[name=from]",
            "(el, s) => { const d = new Date(s * 1000 - new Date(s * 1000).getTimezoneOffset() * 60000); el.value = d.toISOString().slice(0, 16); }",
            now - 86400);
        await page.ClickAsync("#alarm-search button[type=submit]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", "s_1_search_web1_disk");
        await Chromium.ScreenshotAsync(page, "alarms-search");
    }

    [Test]
    public async Task AlarmsPage_ShowsFiftyRowsAtFirst_AndFiftyMoreOnRequest()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 0; i < 55; i++)
        {
            // Two hours old: older than what the other tests of this fixture expect on the first page.
            await InsertCaseAsync($"s_1_page{i:D4}", $"page-web-{i:D2}", 7, now - 7200 - i, "cpu.idle", "PROBLEM");
        }

        var page = await SignedInPageAsync();
        var rows = page.Locator("#alarms tbody tr[data-id^='s_1_page']");
        await page.FillAsync("#alarm-search input[name=endpoint]", "page-web-*");
        await page.ClickAsync("#alarm-search button[type=submit]");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", "s_1_page0000", new() { Timeout = 1_000 });
        await Assertions.Expect(page.Locator("#alarms-more")).ToBeVisibleAsync();

        await page.ClickAsync("#alarms-more");
        await Assertions.Expect(rows).ToHaveCountAsync(55);
        await Assertions.Expect(rows.Last).ToHaveAttributeAsync("data-id", "s_1_page0054");
        await Assertions.Expect(page.Locator("#alarms-more")).ToBeHiddenAsync();
    }

    [Test]
    public async Task AlarmRow_OpensItsHistory_AndAChartOfItsMetricAroundTheAlarm()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string Id = "s_1_history000000000000000000001";
        var host = "hist-" + Guid.NewGuid().ToString("N")[..6];
        await InsertCaseAsync(Id, host, 7, now - 600, "cpu.idle", "PROBLEM", "cpu busy on " + host);
        for (var step = 1; step <= 3; step++)
        {
            await _stack.AlarmsScalarAsync(
                "INSERT INTO events (event_caseId, step, cond, status, `timestamp`) VALUES (@id, @step, @cond, 0, FROM_UNIXTIME(@at))",
                ("@id", Id), ("@step", step), ("@cond", $"{step * 2} < 10"), ("@at", now - 600 + step * 60));
        }

        var timestamps = Enumerable.Range(0, 30).Select(i => (now - 1800 + i * 60) * 1000).ToArray();
        var line = $$"""{"metric":{"__name__":"cpu.idle","endpoint":"{{host}}","counterType":"GAUGE"},"values":[{{string.Join(',', timestamps.Select((_, i) => (90 - i).ToString(CultureInfo.InvariantCulture)))}}],"timestamps":[{{string.Join(',', timestamps)}}]}""";
        using (var tsdb = new HttpClient { BaseAddress = _stack.Tsdb.BaseAddress })
        {
            (await tsdb.PostAsync("/api/v1/import", new StringContent(line + "\n", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            (await tsdb.GetAsync("/internal/force_flush")).EnsureSuccessStatusCode();
        }

        var page = await SignedInPageAsync();
        var row = page.Locator($"tr[data-id='{Id}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator("td").Nth(3).ClickAsync();

        var detail = page.Locator("#alarm-detail");
        await Assertions.Expect(detail.Locator("h3")).ToContainTextAsync(host);
        await Assertions.Expect(detail.Locator(".events li")).ToHaveCountAsync(3);
        await Assertions.Expect(detail.Locator(".events li").First).ToContainTextAsync("#3");
        await Assertions.Expect(detail.Locator(".events")).ToContainTextAsync("6 < 10");
        var chart = detail.Locator(".chart[data-metric='cpu.idle']");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-state", "drawn", new() { Timeout = 20_000 });
        var points = int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);
        Assert.That(points, Is.GreaterThanOrEqualTo(10), "the chart around the alarm holds the points written before it");
        await Chromium.ScreenshotAsync(page, "alarm-detail");
    }

    [Test]
    public async Task SilencesPage_PreviewsWhatASilenceMatches_WarnsOfABroadOne_AddsAndRemoves()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await InsertCaseAsync("s_1_silencepage00000000000000001", "sil-web-1", 7, now - 60, "mem.memfree.percent", "PROBLEM", "memory low");
        var page = await SignedInPageAsync();
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/silences").ToString());
        var form = page.Locator("#silence-add");
        var preview = page.Locator("#silence-preview");

        await form.Locator("input[name=endpoint]").FillAsync("*");
        await form.Locator("input[name=counter]").FillAsync("mem.memfree.percent");
        await form.Locator("input[name=for]").FillAsync("48h");
        await page.ClickAsync("#silence-preview-button");
        await Assertions.Expect(preview.Locator(".banner.warn")).ToHaveCountAsync(2);
        await Assertions.Expect(preview.Locator(".matches")).ToContainTextAsync("sil-web-1");
        await Chromium.ScreenshotAsync(page, "silences-preview");

        await form.Locator("input[name=endpoint]").FillAsync("sil-web-1");
        await form.Locator("input[name=for]").FillAsync("1h");
        await form.Locator("input[name=comment]").FillAsync("memory upgrade tonight");
        await page.ClickAsync("#silence-preview-button");
        await Assertions.Expect(preview.Locator(".matches li")).ToHaveCountAsync(1);
        await Assertions.Expect(preview.Locator(".banner.warn")).ToHaveCountAsync(0);

        await form.Locator("button[type=submit]").ClickAsync();
        var row = page.Locator("#silences tbody tr", new() { HasText = "sil-web-1" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("alice");
        await Assertions.Expect(row).ToContainTextAsync("memory upgrade tonight");
        await Assertions.Expect(row).ToHaveClassAsync("soon", new() { Timeout = 5_000 });
        var id = await row.GetAttributeAsync("data-id");
        Assert.That(await AlarmSilenceIdsAsync(), Does.Contain(id), "the alarm role holds the silence");

        await row.Locator("button.remove").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.That(await AlarmSilenceIdsAsync(), Does.Not.Contain(id), "removed in the alarm role too");
    }

    [Test]
    public async Task NewAlarmOfMyTeam_RaisesABrowserNotification_AnotherTeamsDoesNot()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 1280, Height = 800 },
            Locale = "en-US",
            Permissions = ["notifications"],
        });
        // Records each notification the page raises; the real one is still made.
        await context.AddInitScriptAsync(
            """
            window.__notifications = [];
            const Real = window.Notification;
            window.Notification = new Proxy(Real, {
              construct(target, args) {
                window.__notifications.push({ title: args[0], tag: args[1] && args[1].tag });
                try { return Reflect.construct(target, args); } catch { return {}; }
              },
            });
            """);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/alarms").ToString());
        await page.FillAsync("#signin input[name=name]", "alice");
        await page.FillAsync("#signin input[name=password]", ConsoleStack.AlicePassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#alarms tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#notify")).ToBeHiddenAsync();

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await InsertCaseAsync("s_2_notifydba000000000000000001", "notify-db-1", 8, now);
        await InsertCaseAsync("s_1_notifyops000000000000000001", "notify-web-1", 7, now);
        await Assertions.Expect(page.Locator("tr[data-id='s_1_notifyops000000000000000001']")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var raised = await page.EvaluateAsync<JsonElement>("() => window.__notifications");
        var tags = raised.EnumerateArray().Select(n => n.GetProperty("tag").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(tags, Does.Contain("s_1_notifyops000000000000000001"), "the new alarm of my team");
            Assert.That(tags, Does.Not.Contain("s_2_notifydba000000000000000001"), "another team's alarm");
            Assert.That(raised.EnumerateArray().First().GetProperty("title").GetString(), Does.Contain("notify-web-1"));
        });
    }

    [Test]
    public async Task AcknowledgedFromItsRow_RepeatsStop_WhileANewCaseStillNotifies()
    {
        const string Acked = "s_7_ackrepeat00000000000000000001";
        const string Other = "s_7_ackrepeat00000000000000000002";
        var page = await SignedInPageAsync();
        var before = _stack.Im.RequestCount;
        await PushAsync(Event(Acked, "web-ack-41", step: 1, 0));
        await Poll.ForAsync(() => Task.FromResult(_stack.Im.Requests.Skip(before).ToList()), r => r.Any(x => x.Body.Contains("web-ack-41", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));

        var row = page.Locator($"tr[data-id='{Acked}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync("on it, replacing the fan");
        await row.Locator("button.ack").ClickAsync();
        await Assertions.Expect(row.Locator("td.process")).ToContainTextAsync("✔", new() { Timeout = 15_000 });

        var sent = _stack.Im.RequestCount;
        await PushAsync(Event(Acked, "web-ack-41", step: 2, 60));
        await Poll.UntilAsync(
            async () => Convert.ToInt64(await _stack.AlarmsScalarAsync("SELECT COUNT(*) FROM events WHERE event_caseId = @id", ("@id", Acked)), CultureInfo.InvariantCulture) == 2,
            TimeSpan.FromSeconds(30),
            "step 2 of the acknowledged case recorded");
        await PushAsync(Event(Other, "web-ack-42", step: 1, 61));
        var after = await Poll.ForAsync(
            () => Task.FromResult(_stack.Im.Requests.Skip(sent).ToList()),
            r => r.Any(x => x.Body.Contains("web-ack-42", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));

        Assert.That(after.Any(x => x.Body.Contains("web-ack-41", StringComparison.Ordinal)), Is.False, "the acknowledged case's repeat, pushed first, sent nothing");
    }

    private static async Task<List<string?>> AlarmSilenceIdsAsync()
    {
        using var http = new HttpClient { BaseAddress = _stack.AlarmUrl };
        var list = await http.GetFromJsonAsync<JsonElement>("/api/silences");
        return list.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
    }
}
