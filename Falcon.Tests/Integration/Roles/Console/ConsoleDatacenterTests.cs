using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// The console beside apiproxy with a `datacenters` list: the agents page names each host's datacenter from the
/// endpoint → datacenter map, and host charts come through apiproxy (the console's own tsdb.queryUrl points nowhere,
/// so a drawn chart can only have come that way).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ConsoleDatacenterTests
{
    private static ConsoleStack _stack = null!;
    private static IPlaywright _playwright = null!;
    private static IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _stack = await ConsoleStack.StartAsync(withApiProxy: true, $"tsdb.queryUrl=http://127.0.0.1:{Servers.ServerProcess.FreePort()}");
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
    public async Task AgentsPage_ShowsTheDatacenterEachHostReportsTo()
    {
        using var agent = await GoClientConnection.OpenAsync(_stack.RpcAddressOf("hbs"));
        await agent.CallAsync("""{"method":"Agent.ReportStatus","params":[{"Hostname":"dc-agent-1","IP":"10.1.0.7","AgentVersion":"7.0.0","PluginVersion":""}],"id":0}""");
        await _stack.Database.ExecuteAsync("INSERT INTO host (hostname, ip, agent_version) VALUES ('dc-unknown', '10.1.0.9', '6.0.0')");

        // The map learns from hbs every 200 ms; wait for it through the API rather than race the page's 15 s refresh.
        using var http = new HttpClient { BaseAddress = _stack.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", ConsoleStack.AdminToken);
        var rows = await Poll.ForAsync(
            async () => await http.GetFromJsonAsync<JsonElement>("/api/agents"),
            r => r.EnumerateArray().Any(a => a.GetProperty("hostname").GetString() == "dc-agent-1" && a.GetProperty("datacenter").GetString() == "dc-east"),
            TimeSpan.FromSeconds(20));
        var unknown = rows.EnumerateArray().Single(a => a.GetProperty("hostname").GetString() == "dc-unknown");
        Assert.That(unknown.GetProperty("datacenter").GetString(), Is.Empty, "a host no hbs knows has no datacenter");

        var page = await SignedInPageAsync();
        await page.GotoAsync(new Uri(_stack.HttpAddress, "#/agents").ToString());
        await Assertions.Expect(page.Locator("#agents thead")).ToContainTextAsync("Datacenter");
        await Assertions.Expect(page.Locator("tr[data-host='dc-agent-1'] td.datacenter")).ToHaveTextAsync("dc-east");
        await Assertions.Expect(page.Locator("tr[data-host='dc-unknown'] td.datacenter")).ToHaveTextAsync("—");
        await page.FillAsync("input[name=filter]", "dc-east");
        await Assertions.Expect(page.Locator("#agents tbody tr")).ToHaveCountAsync(1);
        await Chromium.ScreenshotAsync(page, "agents-datacenters");
    }

    [Test]
    public async Task HostChart_ComesThroughApiProxy_WhenItIsConfigured()
    {
        var host = "dc-chart-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var timestamps = Enumerable.Range(0, 20).Select(i => now - (20 - i) * 60_000L).ToArray();
        var line = $$"""{"metric":{"__name__":"cpu.idle","endpoint":"{{host}}","counterType":"GAUGE"},"values":[{{string.Join(',', timestamps.Select((_, i) => (30 + i).ToString(CultureInfo.InvariantCulture)))}}],"timestamps":[{{string.Join(',', timestamps)}}]}""";
        using (var tsdb = new HttpClient { BaseAddress = _stack.Tsdb.BaseAddress })
        {
            (await tsdb.PostAsync("/api/v1/import", new StringContent(line + "\n", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            (await tsdb.GetAsync("/internal/force_flush")).EnsureSuccessStatusCode();
        }

        var page = await SignedInPageAsync();
        await page.GotoAsync(new Uri(_stack.HttpAddress, $"#/hosts/{host}").ToString());
        var chart = page.Locator(".chart[data-metric='cpu.idle']");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-state", "drawn", new() { Timeout = 20_000 });
        var points = int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);
        Assert.That(points, Is.GreaterThanOrEqualTo(10), "apiproxy answered with the imported points");
    }

    private static async Task<IPage> SignedInPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_stack.HttpAddress.ToString());
        await page.FillAsync("#signin input[name=name]", "alice");
        await page.FillAsync("#signin input[name=password]", ConsoleStack.AlicePassword);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#signout")).ToBeVisibleAsync();
        return page;
    }
}
