using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Falcon.Roles.ApiProxy.Graph;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Integration.Servers;

namespace Falcon.Tests.Integration.Roles.ApiProxy;

/// <summary>
/// A datacenter that still runs open-falcon's graph (its api faked on loopback, its Go hbs faked as a JSON-RPC server)
/// beside a Falcon datacenter (a real VictoriaMetrics and hbs): the graph routes read each from its own backend, merged.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ApiProxyOpenFalconApiTests
{
    private const string ApiToken = "default-token-used-in-server-side";

    private VictoriaMetricsServer _vm = null!;
    private PortalDatabase _db = null!;
    private HbsInstance _hbs = null!;
    private ForkHbsFake _goHbs = null!;
    private FakeOpenFalconApi _api = null!;
    private ApiProxyInstance _proxy = null!;
    private HttpClient _http = null!;
    private long _t;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _vm = await VictoriaMetricsServer.StartAsync();
        _db = await PortalDatabase.CreateAsync();
        _hbs = await HbsInstance.StartAsync(_db, await TestServers.RedisAsync(), "apiproxy-api:" + Guid.NewGuid().ToString("N")[..8]);
        _goHbs = new ForkHbsFake();
        _goHbs.Answer("Hbs.GetAgents", """{"Agent":["web-g","ep-02","ep-04"]}""");
        _api = await FakeOpenFalconApi.StartAsync(ApiToken);

        _t = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 600;
        var none = new Dictionary<string, string>();
        await TsdbPoints.ImportAsync(_vm, "cpu.idle", "web-a", "GAUGE", none, (_t, 1.5), (_t + 60, 2.25), (_t + 120, 3));
        await TsdbPoints.ImportAsync(_vm, "agent.alive", "ep-01", "GAUGE", none, (_t, 1));
        await TsdbPoints.ImportAsync(_vm, "agent.alive", "ep-03", "GAUGE", none, (_t, 1));
        await TsdbPoints.WaitVisibleAsync(_vm, "{__name__=~\"cpu.idle|agent.alive\"}", 3, _t + 120);

        // As graph serves them: consolidated to the step, the COUNTER as a per-second rate already.
        _api.Add("web-g", "cpu.idle", "GAUGE", 60, (_t, 10), (_t + 60, null), (_t + 120, 30));
        _api.Add("web-g", "net.if.in.bytes/iface=eth0", "COUNTER", 60, (_t, 5.5), (_t + 60, 7.25), (_t + 120, 6));
        _api.Add("ep-02", "agent.alive", "GAUGE", 60, (_t, 1));
        _api.Add("ep-04", "agent.alive", "GAUGE", 60, (_t, 1));

        await HeartbeatAsync(_hbs.RpcAddress, "web-a");
        _proxy = await StartProxyAsync(_api.BaseUri, ApiToken);
        _http = Client(_proxy);
        await Poll.UntilAsync(() => Task.FromResult(_proxy.Map.Current("web-a")?.Name == "dc1" && _proxy.Map.Current("web-g")?.Name == "graph"),
            TimeSpan.FromSeconds(20), "the map learns web-a in dc1 and web-g in graph");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_goHbs is not null)
        {
            await _goHbs.DisposeAsync();
        }

        foreach (var disposable in new IAsyncDisposable?[] { _hbs, _vm, _db })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task History_OfHostsInATsdbAndAnApiDatacenter_IsMerged_AndGraphsCounterRatesAreNotRatedAgain()
    {
        var body = $$"""{"hostnames":["web-a","web-g"],"counters":["cpu.idle","net.if.in.bytes/iface=eth0"],"consol_fun":"AVERAGE","start_time":{{_t}},"end_time":{{_t + 120}},"step":60}""";

        using var response = await _http.PostAsync(new Uri("/api/v1/graph/history", UriKind.Relative), Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Contains("X-Falcon-Partial"), Is.False);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""[{"endpoint":"web-a","counter":"cpu.idle","dstype":"GAUGE","step":60,"Values":[{"timestamp":{{_t}},"value":1.500000},{"timestamp":{{_t + 60}},"value":2.250000},{"timestamp":{{_t + 120}},"value":3.000000}]},""" +
            $$"""{"endpoint":"web-g","counter":"cpu.idle","dstype":"GAUGE","step":60,"Values":[{"timestamp":{{_t}},"value":10.000000},{"timestamp":{{_t + 60}},"value":null},{"timestamp":{{_t + 120}},"value":30.000000}]},""" +
            $$"""{"endpoint":"web-g","counter":"net.if.in.bytes/iface=eth0","dstype":"COUNTER","step":60,"Values":[{"timestamp":{{_t}},"value":5.500000},{"timestamp":{{_t + 60}},"value":7.250000},{"timestamp":{{_t + 120}},"value":6.000000}]}]"""));
        Assert.That(_api.Requests.Where(r => r.Request.StartsWith("POST /api/v1/graph/history", StringComparison.Ordinal)), Is.Not.Empty);
        Assert.That(_api.Requests.Select(r => r.Apitoken), Has.All.EqualTo($$"""{"name":"falcon-apiproxy","sig":"{{ApiToken}}"}"""));
    }

    [Test]
    public async Task Lastpoint_TakesGraphsValueAsItIs_TheTsdbsLastPoint_AndZeroForWhatNeitherKnows()
    {
        var body = """[{"endpoint":"web-g","counter":"net.if.in.bytes/iface=eth0"},{"endpoint":"web-a","counter":"cpu.idle"},{"endpoint":"web-g","counter":"no.such"}]""";

        using var response = await _http.PostAsync(new Uri("/api/v1/graph/lastpoint", UriKind.Relative), Json(body));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$$"""[{"endpoint":"web-g","counter":"net.if.in.bytes/iface=eth0","value":{"timestamp":{{{_t + 120}}},"value":6.000000}},""" +
            $$$"""{"endpoint":"web-a","counter":"cpu.idle","value":{"timestamp":{{{_t + 120}}},"value":3.000000}},""" +
            """{"endpoint":"web-g","counter":"no.such","value":{"timestamp":0,"value":0.000000}}]"""));
    }

    [Test]
    public async Task EndpointSearch_IsPaginatedOverBothDatacenters_WithIdsFromTheNameNeverGraphsDatabaseIds()
    {
        var page1 = await _http.GetStringAsync(new Uri("/api/v1/graph/endpoint?q=^ep-&limit=2&page=1", UriKind.Relative));
        var page2 = await _http.GetStringAsync(new Uri("/api/v1/graph/endpoint?q=^ep-&limit=2&page=2", UriKind.Relative));

        Assert.That(page1, Is.EqualTo($$"""[{"id":{{EndpointIds.For("ep-01")}},"endpoint":"ep-01"},{"id":{{EndpointIds.For("ep-02")}},"endpoint":"ep-02"}]"""));
        Assert.That(page2, Is.EqualTo($$"""[{"id":{{EndpointIds.For("ep-03")}},"endpoint":"ep-03"},{"id":{{EndpointIds.For("ep-04")}},"endpoint":"ep-04"}]"""));
    }

    [Test]
    public async Task EndpointCounter_ByDerivedIds_ListsGraphsCountersWithGraphsStep_BesideTheTsdbs()
    {
        var ids = $"{EndpointIds.For("web-g")},{EndpointIds.For("web-a")}";

        var text = await _http.GetStringAsync(new Uri($"/api/v1/graph/endpoint_counter?eid={ids}", UriKind.Relative));

        Assert.That(text, Is.EqualTo(
            $$"""[{"endpoint_id":{{EndpointIds.For("web-g")}},"counter":"cpu.idle","step":60,"type":"GAUGE"},""" +
            $$"""{"endpoint_id":{{EndpointIds.For("web-g")}},"counter":"net.if.in.bytes/iface=eth0","step":60,"type":"COUNTER"},""" +
            $$"""{"endpoint_id":{{EndpointIds.For("web-a")}},"counter":"cpu.idle","step":60,"type":"GAUGE"}]"""));
    }

    [Test]
    public async Task GrafanaFindAndRender_ReadAnApiDatacentersHostFromItsApi()
    {
        var find = await _http.GetStringAsync(new Uri("/api/v1/grafana/metrics/find?query=" + Uri.EscapeDataString("web-g#cpu"), UriKind.Relative));
        using var form = new FormUrlEncodedContent(
        [
            new("target", "web-g#cpu#idle"),
            new("from", _t.ToString(CultureInfo.InvariantCulture)),
            new("until", (_t + 120).ToString(CultureInfo.InvariantCulture)),
            new("step", "60"),
        ]);
        using var render = await _http.PostAsync(new Uri("/api/v1/grafana/render", UriKind.Relative), form);

        Assert.That(find, Is.EqualTo("""[{"expandable":false,"text":"idle"},{"expandable":false,"text":"$"},{"expandable":false,"text":"%"}]"""));
        Assert.That(await render.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""[{"endpoint":"web-g","counter":"cpu.idle","dstype":"GAUGE","step":60,"Values":[{"timestamp":{{_t}},"value":10.000000},{"timestamp":{{_t + 60}},"value":null},{"timestamp":{{_t + 120}},"value":30.000000}]}]"""));
    }

    [Test]
    public async Task PromQl_LeavesTheApiOnlyDatacenterOut_AndNamesItInWarnings()
    {
        using var response = await _http.GetAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString("{__name__=\"cpu.idle\"}")}&time={_t + 120}", UriKind.Relative));

        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("data").GetProperty("result").EnumerateArray().Select(s => s.GetProperty("metric").GetProperty("endpoint").GetString()),
            Is.EqualTo(new[] { "web-a" }));
        Assert.That(json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()),
            Has.Some.StartsWith("datacenter graph left out: it has no queryUrl"));
    }

    [Test]
    public async Task WithTheApiDatacenterDown_HistoryAnswersTheTsdbsPart_FlaggedPartialNamingIt_AndHealthIs503()
    {
        await using var proxy = await StartProxyAsync(new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}"), ApiToken);
        using var http = Client(proxy);
        var body = $$"""{"hostnames":["web-a","web-g"],"counters":["cpu.idle"],"consol_fun":"AVERAGE","start_time":{{_t}},"end_time":{{_t + 120}},"step":60}""";

        using var response = await http.PostAsync(new Uri("/api/v1/graph/history", UriKind.Relative), Json(body));
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("X-Falcon-Partial").Single(), Is.EqualTo("graph=unreachable"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("""[{"endpoint":"web-a","counter":"cpu.idle","dstype":"GAUGE","step":60,""").And.Not.Contain("web-g"));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await health.Content.ReadAsStringAsync(), Does.Contain("datacenter graph: Unhealthy: open-falcon api"));
    }

    [Test]
    public async Task WithAWrongApiToken_TheApiDatacenterIsFlaggedAsAnError_AndTheTsdbsPartStillAnswers()
    {
        await using var api = await FakeOpenFalconApi.StartAsync(ApiToken);
        api.Add("ep-02", "agent.alive", "GAUGE", 60, (_t, 1));
        await using var proxy = await StartProxyAsync(api.BaseUri, "not-the-default-token");
        using var http = Client(proxy);

        using var response = await http.GetAsync(new Uri("/api/v1/graph/endpoint?q=^ep-", UriKind.Relative));

        Assert.That(response.Headers.GetValues("X-Falcon-Partial").Single(), Is.EqualTo("graph=error"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"ep-01\"").And.Not.Contain("\"ep-02\""));
        Assert.That(api.Requests.Select(r => r.Apitoken), Has.Some.EqualTo("""{"name":"falcon-apiproxy","sig":"not-the-default-token"}"""));
    }

    [Test]
    public async Task ADatacenterWithBothUrls_AnswersGraphRoutesFromItsApi_AndPromQlFromItsTsdb()
    {
        await using var proxy = await ApiProxyInstance.StartAsync(_db,
            [("both", [_goHbs.Address], _vm.BaseAddress, TimeSpan.FromSeconds(5))],
            $"datacenters.0.apiUrl={_api.BaseUri}",
            $"datacenters.0.apiToken={ApiToken}");
        using var http = Client(proxy);
        var body = $$"""{"hostnames":["web-a","web-g"],"counters":["cpu.idle"],"consol_fun":"AVERAGE","start_time":{{_t}},"end_time":{{_t + 120}},"step":60}""";

        using var history = await http.PostAsync(new Uri("/api/v1/graph/history", UriKind.Relative), Json(body));
        using var promql = await http.GetAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString("{__name__=\"cpu.idle\"}")}&time={_t + 120}", UriKind.Relative));

        // web-a is only in the TSDB, web-g only in graph: the graph route reads the api alone, PromQL the TSDB alone.
        var series = JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("endpoint").GetString());
        Assert.That(series, Is.EqualTo(new[] { "web-g" }));
        var json = JsonDocument.Parse(await promql.Content.ReadAsStringAsync()).RootElement;
        Assert.That(json.GetProperty("data").GetProperty("result").EnumerateArray().Select(s => s.GetProperty("metric").GetProperty("endpoint").GetString()),
            Is.EqualTo(new[] { "web-a" }));
        Assert.That(json.TryGetProperty("warnings", out _), Is.False);
    }

    private Task<ApiProxyInstance> StartProxyAsync(Uri apiUrl, string apiToken) => ApiProxyInstance.StartAsync(_db,
        [
            ("dc1", [_hbs.RpcAddress], _vm.BaseAddress, TimeSpan.FromSeconds(5)),
            ("graph", [_goHbs.Address], null, TimeSpan.FromSeconds(5)),
        ],
        $"datacenters.1.apiUrl={apiUrl}",
        $"datacenters.1.apiToken={apiToken}");

    private static HttpClient Client(ApiProxyInstance proxy)
    {
        var http = new HttpClient { BaseAddress = proxy.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("Apitoken", $$"""{"name":"falcon-alarm","sig":"{{ApiProxyInstance.ServerToken}}"}""");
        return http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task HeartbeatAsync(string address, string hostname)
    {
        await using var agent = new JsonRpcClient([address]);
        await agent.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = hostname, IP = "10.0.0.1", AgentVersion = "7.0.0", PluginVersion = "" },
            AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);
    }
}
