using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.Console;

/// <summary>
/// The alarms page with 10,000 open cases of the signed-in person's team, in the real Chromium: time from navigation
/// to the first rows painted, and from pressing search to its rows painted. Explicit: a measurement for BENCHMARKS.md,
/// not a check of the normal suite (no timed assertion). Run it with
/// <c>dotnet test Falcon.slnx -c Release --no-build --filter "FullyQualifiedName~ConsoleAlarmsBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Category("Benchmark")]
[Explicit("a benchmark; its numbers go into BENCHMARKS.md")]
[NonParallelizable]
public sealed class ConsoleAlarmsBenchmark
{
    private const int Cases = 10_000;
    private const int Runs = 7;

    [Test]
    public async Task AlarmsPage_With10000OpenCases_FirstRenderAndSearch()
    {
        var stack = await ConsoleStack.StartAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            await SeedAsync(stack, now);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "en-US" });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(stack.HttpAddress, "#/alarms").ToString());
            await page.FillAsync("#signin input[name=name]", "alice");
            await page.FillAsync("#signin input[name=password]", ConsoleStack.AlicePassword);
            await page.ClickAsync("#signin button[type=submit]");
            await Assertions.Expect(page.Locator("#signout")).ToBeVisibleAsync();

            var first = new List<double>();
            var search = new List<double>();
            var breakdown = new List<string>();
            var rows = 0;
            for (var run = 0; run < Runs; run++)
            {
                // A fresh navigation each run (the assets come from the browser's cache after the first, as for a person).
                await page.GotoAsync("about:blank");
                await page.GotoAsync(new Uri(stack.HttpAddress, "#/alarms").ToString());
                first.Add(await MarkAsync(page, "falcon:alarms-painted", since: null));
                rows = await page.Locator("#alarms tbody tr").CountAsync();
                breakdown.Add(await page.EvaluateAsync<string>(Breakdown));

                await page.FillAsync("#alarm-search input[name=endpoint]", $"bench-{run % 10}{run % 7}*");
                await page.FillAsync("#alarm-search input[name=q]", "disk");
                await page.EvaluateAsync("() => performance.clearMarks('falcon:alarms-painted')");
                await page.ClickAsync("#alarm-search button[type=submit]");
                search.Add(await MarkAsync(page, "falcon:alarms-painted", since: "falcon:alarms-search"));
            }

            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"alarms page, {Cases} open cases of alice's team, {rows} rows shown, {Runs} runs")
                .AppendLine(CultureInfo.InvariantCulture, $"first render (navigation → rows painted): {Summary(first)}")
                .AppendLine(CultureInfo.InvariantCulture, $"search (submit → rows painted):          {Summary(search)}")
                .AppendLine("where the first render's time goes, each run (ms from navigation start):")
                .AppendJoin(Environment.NewLine, breakdown);
            await TestContext.Out.WriteLineAsync(report.ToString());
            Assert.That(rows, Is.GreaterThan(0), "the page showed the seeded cases");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            await stack.StopAllAsync();
        }
    }

    // The page's own timeline: the document, each API call (start-end) and the rows' marks.
    private const string Breakdown = """
        () => {
          const r = (n) => Math.round(n);
          const nav = performance.getEntriesByType('navigation')[0];
          const calls = performance.getEntriesByType('resource')
            .filter((e) => e.name.includes('/api/') || e.name.includes('/assets/'))
            .map((e) => `${new URL(e.name).pathname.replace('/api/', '')} ${r(e.startTime)}-${r(e.responseEnd)}`);
          const mark = (n) => r(performance.getEntriesByName(n).at(-1)?.startTime ?? -1);
          return `  dom ${r(nav.domContentLoadedEventEnd)} | ${calls.join(' | ')} | rows in DOM ${mark('falcon:alarms-rendered')} | painted ${mark('falcon:alarms-painted')}`;
        }
        """;

    // Milliseconds from navigation start (or from the named mark) to the mark, once it exists.
    private static async Task<double> MarkAsync(IPage page, string mark, string? since)
    {
        await page.WaitForFunctionAsync($"() => performance.getEntriesByName('{mark}').length > 0", null, new() { Timeout = 30_000 });
        var at = await page.EvaluateAsync<double>($"() => performance.getEntriesByName('{mark}').at(-1).startTime");
        var from = since is null ? 0 : await page.EvaluateAsync<double>($"() => performance.getEntriesByName('{since}').at(-1).startTime");
        return at - from;
    }

    private static string Summary(List<double> ms)
    {
        var sorted = ms.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"median {sorted[sorted.Length / 2]:0} ms, min {sorted[0]:0} ms, max {sorted[^1]:0} ms");
    }

    // 10,000 open cases of template 7 (alice's team ops) on 1,000 hosts, spread over the last week.
    private static async Task SeedAsync(ConsoleStack stack, long now)
    {
        string[] metrics = ["cpu.idle", "disk.io.util", "mem.memfree.percent", "net.if.in.bytes/iface=eth0", "load.1min"];
        await using var connection = await stack.Database.Databases.Alarms.OpenConnectionAsync(CancellationToken.None);
        for (var batch = 0; batch < Cases / 1000; batch++)
        {
            var sql = new StringBuilder(
                "INSERT INTO event_cases (id, endpoint, metric, func, cond, note, max_step, current_step, priority, status, `timestamp`, update_at, " +
                "tpl_creator, expression_id, strategy_id, template_id, process_status) VALUES ");
            for (var i = 0; i < 1000; i++)
            {
                var n = batch * 1000 + i;
                var metric = metrics[n % metrics.Length];
                var at = now - (n * 60L % (7 * 86400));
                sql.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $"('s_{n % 50 + 1}_bench{n:D8}', 'bench-{n % 1000:D3}', '{metric}', 'all(#3)', '90 > 80', '{(metric.StartsWith("disk", StringComparison.Ordinal) ? "disk busy" : "over threshold")}', 3, 1, {n % 4}, 'PROBLEM', FROM_UNIXTIME({at}), FROM_UNIXTIME({at}), 'root', 0, {n % 50 + 1}, 7, 'unresolved')");
            }

            await using var command = new MySqlCommand(sql.ToString(), connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
