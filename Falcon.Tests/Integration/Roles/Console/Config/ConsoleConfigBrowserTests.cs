using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Falcon.Roles.Hbs;
using Falcon.Roles.Transfer;
using Falcon.Tests.Integration.Roles.Agent;
using Falcon.Tests.Roles.Agent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Falcon.Tests.Integration.Roles.Console.Config;

/// <summary>
/// The console's configuration pages in Chromium over the whole chain in one process (hbs, transfer, judge, alarm,
/// console on real Redis, MariaDB and VictoriaMetrics, a fake IM provider on loopback) and a real agent role beside it.
/// hbs refreshes only every two minutes here and the judge every ten: a change reaches them within seconds only through the
/// console's change signal.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed partial class ConsoleConfigBrowserTests
{
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(30);
    private static ConsoleStack _stack = null!;
    private static IPlaywright _playwright = null!;
    private static IBrowser _browser = null!;
    private static HttpClient _admin = null!;
    private static ServerErrors _errors = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await ConsoleStack.StartAsync(withApiProxy: false, withPipeline: true,
            "hbs.cache.refreshInterval=00:02:00", "judge.syncInterval=00:10:00");
        _errors = new ServerErrors();
        _stack.Services.GetRequiredService<ILoggerFactory>().AddProvider(_errors);
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _admin = new HttpClient { BaseAddress = _stack.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleStack.AdminToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        _errors.Dispose();
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _stack.StopAllAsync();
    }

    [TearDown]
    public void ShowServerErrors()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine("Recent server warnings and errors:\n" + _errors.Recent);
        }
    }

    [Test]
    public async Task ThroughThePages_AGroupsHostWithAStrategy_AlarmsTheTeamWithinSeconds_AndTheTreeShowsTheGroup()
    {
        const string Host = "cfg-web-01";
        const string Group = "cfg-shop-web";
        const string Template = "cfg-web-cpu";
        const string Team = "cfg-oncall";
        var page = await SignedInPageAsync("root", "root-secret");

        // A team with bob, who is in no team yet.
        await GoAsync(page, "#/teams");
        await page.ClickAsync("#team-new");
        await page.FillAsync("#team-form input[name=name]", Team);
        await page.FillAsync("#team-form textarea[name=members]", "bob");
        await page.ClickAsync("#team-form button[type=submit]");
        await Assertions.Expect(page.Locator($"#teams tr[data-team='{Team}']")).ToContainTextAsync("bob");

        // A group under the tag cfgshop/web, with the host.
        await GoAsync(page, "#/groups");
        await page.FillAsync("#group-create input[name=name]", Group);
        await page.FillAsync("#group-create input[name=tags]", "cfgshop/web");
        await page.ClickAsync("#group-create button[type=submit]");
        await Assertions.Expect(page.Locator("#group-hosts")).ToBeVisibleAsync();
        await page.FillAsync("#group-hosts textarea[name=hosts]", Host);
        await page.ClickAsync("#group-hosts button[type=submit]");
        await Assertions.Expect(page.Locator($"#group-host-list tr[data-host='{Host}']")).ToBeVisibleAsync();

        // A template whose strategy first gets a threshold that is no number: refused, the message on that field.
        await GoAsync(page, "#/templates");
        await page.FillAsync("#template-create input[name=name]", Template);
        await page.ClickAsync("#template-create button[type=submit]");
        await page.ClickAsync("#strategy-new");
        var form = page.Locator("#strategy-add form");
        await form.Locator("input[name=metric]").FillAsync("cpu.idle");
        await form.Locator("input[name=func]").FillAsync("all(#1)");
        await form.Locator("select[name=op]").SelectOptionAsync("<");
        await form.Locator("input[name=rightValue]").FillAsync("lots");
        await form.Locator("select[name=priority]").SelectOptionAsync("0");
        await form.Locator("button[type=submit]").ClickAsync();
        var onField = form.Locator("[data-field=rightValue] .field-error");
        await Assertions.Expect(onField).Not.ToBeEmptyAsync();
        await Assertions.Expect(form.Locator("[data-field=rightValue]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("invalid"));
        await ScreenshotAsync(page, "config-strategy-error");
        Assert.That(await StrategyCountAsync(Template), Is.Zero, "nothing saved with a bad threshold");

        await form.Locator("input[name=rightValue]").FillAsync("101");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#strategies tr[data-metric='cpu.idle']")).ToContainTextAsync("all(#1) < 101");

        // Its action notifies the team by IM.
        await page.FillAsync("#action-form input[name=teams]", Team);
        await page.ClickAsync("#action-form button[type=submit]");
        await Assertions.Expect(page.Locator("#template-message")).ToContainTextAsync("Saved");
        await ScreenshotAsync(page, "config-template");

        // Bound to the group.
        await GoAsync(page, $"#/groups/{Group}");
        await page.SelectOptionAsync("#group-bind select[name=template]", Template);
        await page.ClickAsync("#group-bind button[type=submit]");
        await Assertions.Expect(page.Locator($"#group-templates tr[data-template='{Template}']")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "config-group");

        // The host's agent reports cpu.idle every second: bob hears of it within seconds, through the alarm role.
        var before = _stack.Im.RequestCount;
        var collector = new TestCollector("cpu", 1, (writer, _) =>
        {
            writer.Gauge("cpu.idle", 42);
            return ValueTask.CompletedTask;
        });
        await using var agent = await AgentInstance.StartAsync([collector], null,
            $"agent.hostname={Host}", $"agent.transfer.0={_stack.RpcAddressOf(TransferRole.Name)}", $"agent.hbs.0={_stack.RpcAddressOf(HbsRole.Name)}");
        var told = await Poll.ForAsync(
            () => Task.FromResult(_stack.Im.Requests.Skip(before).Where(r => r.Body.Contains(Host, StringComparison.Ordinal)).ToList()),
            r => r.Count >= 1,
            WithinSeconds);
        Assert.That(told[0].Body, Does.Contain("bob.im").And.Not.Contain("alice.im"), "the team's member, and only them");

        // The service tree shows the group under its tag, with the host and its open alarm.
        await GoAsync(page, "#/");
        var node = page.Locator("#service-tree details[data-path='cfgshop/web']");
        await Assertions.Expect(node.Locator($"li[data-group='{Group}']")).ToContainTextAsync(Host);
        await Assertions.Expect(node.Locator($"li[data-group='{Group}'] .alarm-count")).ToContainTextAsync("1", new() { Timeout = 20_000 });
        await ScreenshotAsync(page, "config-tree");
    }

    private static async Task<int> StrategyCountAsync(string template)
    {
        var tpl = await _admin.GetFromJsonAsync<JsonElement>($"/api/templates/{template}");
        return tpl.GetProperty("strategies").GetArrayLength();
    }

    private static async Task<IPage> SignedInPageAsync(string user, string password)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        // Deleting and restoring ask first: the tests say yes.
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync(_stack.HttpAddress.ToString());
        await page.FillAsync("#signin input[name=name]", user);
        await page.FillAsync("#signin input[name=password]", password);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signout")).ToBeVisibleAsync();
        return page;
    }

    private static async Task GoAsync(IPage page, string hash) => await page.GotoAsync(new Uri(_stack.HttpAddress, hash).ToString());

    private static Task ScreenshotAsync(IPage page, string name) => Chromium.ScreenshotAsync(page, name);

    private static async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{method} {path}: {(int)response.StatusCode} {text}\n{_errors.Recent}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
