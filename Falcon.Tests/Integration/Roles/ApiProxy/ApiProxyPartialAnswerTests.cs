using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.ApiProxy;

/// <summary>One healthy datacenter, one whose TSDB is paused with SIGSTOP (slow) and one with nothing listening (down).</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ApiProxyPartialAnswerTests
{
    private static readonly TimeSpan SlowTimeout = TimeSpan.FromSeconds(1);

    private VictoriaMetricsServer _good = null!;
    private VictoriaMetricsServer _slow = null!;
    private PortalDatabase _db = null!;
    private ApiProxyInstance _proxy = null!;
    private HttpClient _http = null!;
    private long _t;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _good = await VictoriaMetricsServer.StartAsync();
        _slow = await VictoriaMetricsServer.StartAsync();
        _db = await PortalDatabase.CreateAsync();
        _t = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 600;
        await TsdbPoints.ImportAsync(_good, "cpu.idle", "web-a", "GAUGE", new Dictionary<string, string>(), (_t, 1), (_t + 60, 2));
        await TsdbPoints.WaitVisibleAsync(_good, "{__name__=\"cpu.idle\"}", 1, _t + 60);
        var closed = $"127.0.0.1:{ServerProcess.FreePort()}";
        _proxy = await ApiProxyInstance.StartAsync(_db,
        [
            ("good", [closed], _good.BaseAddress, TimeSpan.FromSeconds(5)),
            ("slow", [closed], _slow.BaseAddress, SlowTimeout),
            ("down", [closed], new Uri($"http://{closed}"), TimeSpan.FromSeconds(5)),
        ]);
        _http = new HttpClient { BaseAddress = _proxy.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("Apitoken", $$"""{"name":"falcon-alarm","sig":"{{ApiProxyInstance.ServerToken}}"}""");
        Signal("STOP", _slow.ProcessId);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_slow is not null)
        {
            Signal("CONT", _slow.ProcessId);
        }

        _http?.Dispose();
        foreach (var disposable in new IAsyncDisposable?[] { _proxy, _good, _slow, _db })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task History_WithOneDatacenterSlowAndOneDown_AnswersWithinTheTimeout_AndNamesBoth()
    {
        var body = $$"""{"hostnames":["web-a"],"counters":["cpu.idle"],"consol_fun":"AVERAGE","start_time":{{_t}},"end_time":{{_t + 60}},"step":60}""";
        var watch = Stopwatch.StartNew();

        using var response = await _http.PostAsync(new Uri("/api/v1/graph/history", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        watch.Stop();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("X-Falcon-Partial").Single(), Is.EqualTo("slow=timeout, down=unreachable"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"value\":2.000000"));

        // Bounded by the slow datacenter's timeout (1 s), not by waiting for it; generous for a loaded machine.
        Assert.That(watch.Elapsed, Is.LessThan(SlowTimeout + TimeSpan.FromSeconds(4)));
    }

    [Test]
    public async Task PromQl_WithFailedDatacenters_SaysSoInWarningsAndTheHeader()
    {
        using var response = await _http.GetAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString("{__name__=\"cpu.idle\"}")}&time={_t + 60}", UriKind.Relative));

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(response.Headers.GetValues("X-Falcon-Partial").Single(), Is.EqualTo("slow=timeout, down=unreachable"));
        Assert.That(json.GetProperty("data").GetProperty("result").GetArrayLength(), Is.EqualTo(1));
        Assert.That(json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()),
            Has.Some.StartsWith("datacenter slow left out (timeout)").And.Some.StartsWith("datacenter down left out (unreachable)"));
    }

    [Test]
    public async Task Health_Is503NamingEachDatacenterThatDoesNotAnswer_WhileHealthLiveStays200()
    {
        using var response = await _http.GetAsync(new Uri("/health", UriKind.Relative));
        using var live = await _http.GetAsync(new Uri("/health/live", UriKind.Relative));

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(text, Does.Contain("datacenter slow: Unhealthy").And.Contain("datacenter down: Unhealthy").And.Not.Contain("datacenter good: Unhealthy"));

        // A load balancer watches /health/live: apiproxy still answers (partially) with datacenters down.
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await live.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task PromQl_ARangeBeyondTheLimit_Is422WithAClearError()
    {
        using var response = await _http.GetAsync(new Uri("/api/v1/query_range?query=up&start=0&end=100000000&step=60", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("apiproxy.maxRange"));
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
    }
}
