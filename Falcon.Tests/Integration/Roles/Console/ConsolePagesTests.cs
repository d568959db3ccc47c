using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// The console's other pages in Chromium: a host chart drawing points written to the TSDB, the agents page from hbs's
/// heartbeats (a dead agent stands out), the upgrade progress bar moving as simulated agents heartbeat, and pausing and
/// resuming the upgrade from its page.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ConsolePagesTests
{
    private static ConsoleStack _stack = null!;
    private static IPlaywright _playwright = null!;
    private static IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await ConsoleStack.StartAsync("hbs.upgrade.maxConcurrent=10");
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _stack.StopAllAsync();
    }

    [Test]
    public async Task HostChart_DrawsThePointsWrittenToTheTsdb()
    {
        var host = "chart-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var timestamps = Enumerable.Range(0, 20).Select(i => now - (20 - i) * 60_000L).ToArray();
        var line = $$"""{"metric":{"__name__":"cpu.idle","endpoint":"{{host}}","counterType":"GAUGE"},"values":[{{string.Join(',', timestamps.Select((_, i) => (50 + i).ToString(CultureInfo.InvariantCulture)))}}],"timestamps":[{{string.Join(',', timestamps)}}]}""";
        using (var http = new HttpClient { BaseAddress = _stack.Tsdb.BaseAddress })
        {
            (await http.PostAsync("/api/v1/import", new StringContent(line + "\n", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            (await http.GetAsync("/internal/force_flush")).EnsureSuccessStatusCode();
        }

        var page = await SignedInPageAsync("root", "root-secret");
        await page.GotoAsync(new Uri(_stack.HttpAddress, $"#/hosts/{host}").ToString());
        var chart = page.Locator(".chart[data-metric='cpu.idle']");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-state", "drawn", new() { Timeout = 20_000 });
        var points = int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);
        Assert.That(points, Is.GreaterThanOrEqualTo(10), "the chart holds the imported points (resampled to the chart's step)");
        await Assertions.Expect(page.Locator(".chart[data-metric='load.1min']")).ToHaveAttributeAsync("data-state", "empty");
        await Chromium.ScreenshotAsync(page, "host");
    }

    [Test]
    public async Task AgentsPage_ListsHeartbeatingAgents_AndADeadOneStandsOut()
    {
        using var agent = await GoClientConnection.OpenAsync(_stack.RpcAddressOf("hbs"));
        await agent.CallAsync("""{"method":"Agent.ReportStatus","params":[{"Hostname":"agent-live","IP":"10.0.0.7","AgentVersion":"7.0.0","PluginVersion":"plugin not enabled"}],"id":0}""");
        await _stack.Database.ExecuteAsync("INSERT INTO host (hostname, ip, agent_version) VALUES ('agent-gone', '10.0.0.9', '6.0.0')");

        var page = await SignedInPageAsync("alice", ConsoleStack.AlicePassword);
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/agents").ToString());
        await Assertions.Expect(page.Locator("tr[data-host='agent-live']")).ToContainTextAsync("7.0.0");
        await Assertions.Expect(page.Locator("tr[data-host='agent-live']")).Not.ToHaveClassAsync("dead");
        await Assertions.Expect(page.Locator("tr[data-host='agent-gone']")).ToHaveClassAsync("dead");
        await Assertions.Expect(page.Locator("#agents td.datacenter")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        Assert.That(await page.Locator("#agents thead").InnerTextAsync(), Does.Not.Contain("Datacenter"), "no datacenters configured: no column");
        await Chromium.ScreenshotAsync(page, "agents");
    }

    [Test]
    public async Task UpgradeProgressBar_MovesAsSimulatedAgentsReport()
    {
        string[] hosts = ["up-1", "up-2", "up-3", "up-4"];
        using var agent = await GoClientConnection.OpenAsync(_stack.RpcAddressOf("hbs"));
        async Task HeartbeatAsync(string host, string version) =>
            await agent.CallAsync($$"""{"method":"Agent.ReportStatus","params":[{"Hostname":"{{host}}","IP":"10.0.1.1","AgentVersion":"{{version}}","PluginVersion":""}],"id":1}""");
        foreach (var host in hosts)
        {
            await HeartbeatAsync(host, "7.0.0");
        }

        var page = await SignedInPageAsync("root", "root-secret");
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/upgrades").ToString());
        await page.FillAsync("#upgrade-push input[name=version]", "7.1.0");
        await page.FillAsync("#upgrade-push input[name=wgeturl]", "http://127.0.0.1:1/falcon");
        await page.FillAsync("#upgrade-push input[name=binfile_md5]", new string('a', 32));
        await page.ClickAsync("#upgrade-push button[type=submit]");
        var bar = page.Locator("#upgrade-progress");
        await Assertions.Expect(bar).ToHaveAttributeAsync("data-done", "0", new() { Timeout = 15_000 });

        // Each agent is sent the task on a heartbeat and comes back on the new version.
        foreach (var host in hosts)
        {
            await HeartbeatAsync(host, "7.0.0");
        }

        foreach (var host in hosts.Take(2))
        {
            await HeartbeatAsync(host, "7.1.0");
        }

        await Assertions.Expect(bar).ToHaveAttributeAsync("data-done", "2", new() { Timeout = 15_000 });
        await Chromium.ScreenshotAsync(page, "upgrades");
        foreach (var host in hosts.Skip(2))
        {
            await HeartbeatAsync(host, "7.1.0");
        }

        await Assertions.Expect(bar).ToHaveAttributeAsync("data-done", "4", new() { Timeout = 15_000 });
    }

    [Test]
    public async Task UpgradePauseButton_StopsHandingOutTheTask_AndResumeContinuesIt()
    {
        using var agent = await GoClientConnection.OpenAsync(_stack.RpcAddressOf("hbs"));
        async Task<string?> UpgradeSentAsync(string host)
        {
            var reply = await agent.CallAsync($$"""{"method":"Agent.ReportStatus","params":[{"Hostname":"{{host}}","IP":"10.0.2.1","AgentVersion":"7.0.0","PluginVersion":""}],"id":2}""");
            using var json = JsonDocument.Parse(reply);
            return json.RootElement.GetProperty("result").TryGetProperty("Args", out var args) && args.ValueKind == JsonValueKind.Object
                ? args.GetProperty("version").GetString()
                : null;
        }

        var page = await SignedInPageAsync("root", "root-secret");
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/upgrades").ToString());
        await page.FillAsync("#upgrade-push input[name=version]", "7.2.0");
        await page.FillAsync("#upgrade-push input[name=wgeturl]", "http://127.0.0.1:1/falcon");
        await page.FillAsync("#upgrade-push input[name=binfile_md5]", new string('b', 32));
        await page.ClickAsync("#upgrade-push button[type=submit]");
        await Assertions.Expect(page.Locator("#upgrade-state")).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#upgrade-resume")).ToBeHiddenAsync();

        await page.ClickAsync("#upgrade-pause");
        await Assertions.Expect(page.Locator("#upgrade-state")).ToHaveAttributeAsync("data-state", "paused", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#upgrade-state")).ToContainTextAsync("paused by root");
        await Assertions.Expect(page.Locator("#upgrade-pause")).ToBeHiddenAsync();
        var whilePaused = await UpgradeSentAsync("pause-1");
        await Chromium.ScreenshotAsync(page, "upgrades-paused");

        await page.ClickAsync("#upgrade-resume");
        await Assertions.Expect(page.Locator("#upgrade-state")).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 15_000 });
        var afterResume = await Poll.ForAsync(() => UpgradeSentAsync("pause-1"), v => v is not null, TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(whilePaused, Is.Null, "a paused task is handed to no agent");
            Assert.That(afterResume, Is.EqualTo("7.2.0"), "resumed: the agent on the old version gets the task");
        });
    }

    [Test]
    public async Task UpgradeButtons_AreRefusedForSomeoneWhoIsNotAnAdmin()
    {
        var page = await SignedInPageAsync("alice", ConsoleStack.AlicePassword);
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/upgrades").ToString());
        await Assertions.Expect(page.Locator("#upgrade-pause")).ToHaveCountAsync(0);
        var status = await page.EvaluateAsync<int>(
            "async () => { const s = await (await fetch('/api/session')).json(); const r = await fetch('/api/upgrade/pause', { method: 'POST', headers: { 'X-Falcon-Csrf': s.csrf } }); return r.status; }");
        Assert.That(status, Is.EqualTo(403), "pausing is for admins, even with a valid CSRF token");
    }

    private static async Task<IPage> SignedInPageAsync(string user, string password)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_stack.HttpAddress.ToString());
        await page.FillAsync("#signin input[name=name]", user);
        await page.FillAsync("#signin input[name=password]", password);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signout")).ToBeVisibleAsync();
        return page;
    }
}
