using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Falcon.Roles.ApiProxy.Graph;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Integration.Servers;
using MySqlConnector;

namespace Falcon.Tests.Integration.Roles.ApiProxy;

/// <summary>
/// Two datacenters on loopback, each a real VictoriaMetrics and a real hbs with agents heartbeating to it, and one
/// apiproxy in front: the graph API and PromQL answer for hosts of both, merged.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ApiProxyTwoDatacenterTests
{
    private VictoriaMetricsServer _vm1 = null!;
    private VictoriaMetricsServer _vm2 = null!;
    private PortalDatabase _db = null!;
    private HbsInstance _hbs1 = null!;
    private HbsInstance _hbs2 = null!;
    private ApiProxyInstance _proxy = null!;
    private HttpClient _http = null!;
    private long _t;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _vm1 = await VictoriaMetricsServer.StartAsync();
        _vm2 = await VictoriaMetricsServer.StartAsync();
        _db = await PortalDatabase.CreateAsync();
        var redis = await TestServers.RedisAsync();
        var prefix = "apiproxy:" + Guid.NewGuid().ToString("N")[..8];
        _hbs1 = await HbsInstance.StartAsync(_db, redis, prefix + ":1");
        _hbs2 = await HbsInstance.StartAsync(_db, redis, prefix + ":2");

        _t = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 600;
        var none = new Dictionary<string, string>();
        await TsdbPoints.ImportAsync(_vm1, "cpu.idle", "web-a", "GAUGE", none, (_t, 1.5), (_t + 60, 2.25), (_t + 120, 3));
        await TsdbPoints.ImportAsync(_vm1, "net.if.in.bytes", "web-a", "COUNTER", new Dictionary<string, string> { ["iface"] = "eth0" }, (_t, 1000), (_t + 60, 1600), (_t + 120, 1300));
        await TsdbPoints.ImportAsync(_vm2, "cpu.idle", "web-b", "GAUGE", none, (_t, 10), (_t + 60, 20), (_t + 120, 30));
        foreach (var (n, vm) in new[] { (1, _vm1), (2, _vm2), (3, _vm1), (4, _vm2), (5, _vm1) })
        {
            await TsdbPoints.ImportAsync(vm, "agent.alive", $"ep-0{n}", "GAUGE", none, (_t, 1));
        }

        await TsdbPoints.WaitVisibleAsync(_vm1, "{__name__=~\"cpu.idle|net.if.in.bytes|agent.alive\"}", 5, _t + 120);
        await TsdbPoints.WaitVisibleAsync(_vm2, "{__name__=~\"cpu.idle|agent.alive\"}", 3, _t + 120);

        await HeartbeatAsync(_hbs1, "web-a");
        await HeartbeatAsync(_hbs2, "web-b");
        _proxy = await ApiProxyInstance.StartAsync(_db,
        [
            ("dc1", [_hbs1.RpcAddress], _vm1.BaseAddress, TimeSpan.FromSeconds(5)),
            ("dc2", [_hbs2.RpcAddress], _vm2.BaseAddress, TimeSpan.FromSeconds(5)),
        ]);
        _http = new HttpClient { BaseAddress = _proxy.HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("Apitoken", $$"""{"name":"falcon-alarm","sig":"{{ApiProxyInstance.ServerToken}}"}""");
        await Poll.UntilAsync(() => Task.FromResult(_proxy.Map.Current("web-a")?.Name == "dc1" && _proxy.Map.Current("web-b")?.Name == "dc2"),
            TimeSpan.FromSeconds(20), "the map learns web-a in dc1 and web-b in dc2");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http?.Dispose();
        foreach (var disposable in new IAsyncDisposable?[] { _proxy, _hbs1, _hbs2, _vm1, _vm2, _db })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task History_OfHostsInBothDatacenters_IsMergedInOpenFalconsExactJson()
    {
        var body = $$"""{"hostnames":["web-a","web-b"],"counters":["cpu.idle"],"consol_fun":"AVERAGE","start_time":{{_t}},"end_time":{{_t + 120}},"step":60}""";

        using var response = await _http.PostAsync(new Uri("/api/v1/graph/history", UriKind.Relative), Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Contains("X-Falcon-Partial"), Is.False);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""[{"endpoint":"web-a","counter":"cpu.idle","dstype":"GAUGE","step":60,"Values":[{"timestamp":{{_t}},"value":1.500000},{"timestamp":{{_t + 60}},"value":2.250000},{"timestamp":{{_t + 120}},"value":3.000000}]},""" +
            $$"""{"endpoint":"web-b","counter":"cpu.idle","dstype":"GAUGE","step":60,"Values":[{"timestamp":{{_t}},"value":10.000000},{"timestamp":{{_t + 60}},"value":20.000000},{"timestamp":{{_t + 120}},"value":30.000000}]}]"""));
    }

    [Test]
    public async Task History_OfACounter_AnswersRatesWithNullForTheReset_AndSkipsUnknownCounters()
    {
        var body = $$"""{"hostnames":["web-a"],"counters":["net.if.in.bytes/iface=eth0","no.such.metric"],"consol_fun":"AVERAGE","start_time":{{_t}},"end_time":{{_t + 120}},"step":60}""";

        using var response = await _http.PostAsync(new Uri("/api/v1/graph/history", UriKind.Relative), Json(body));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""[{"endpoint":"web-a","counter":"net.if.in.bytes/iface=eth0","dstype":"COUNTER","step":60,"Values":[{"timestamp":{{_t}},"value":null},{"timestamp":{{_t + 60}},"value":10.000000},{"timestamp":{{_t + 120}},"value":null}]}]"""));
    }

    [Test]
    public async Task Lastpoint_AnswersGaugesAndCounterRates_AndZeroForUnknownSeries()
    {
        var body = """[{"endpoint":"web-b","counter":"cpu.idle"},{"endpoint":"web-a","counter":"net.if.in.bytes/iface=eth0"},{"endpoint":"nowhere","counter":"cpu.idle"}]""";

        using var response = await _http.PostAsync(new Uri("/api/v1/graph/lastpoint", UriKind.Relative), Json(body));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            $$$"""[{"endpoint":"web-b","counter":"cpu.idle","value":{"timestamp":{{{_t + 120}}},"value":30.000000}},""" +
            $$$"""{"endpoint":"web-a","counter":"net.if.in.bytes/iface=eth0","value":{"timestamp":{{{_t + 120}}},"value":0.000000}},""" +
            """{"endpoint":"nowhere","counter":"cpu.idle","value":{"timestamp":0,"value":0.000000}}]"""));
    }

    [Test]
    public async Task EndpointSearch_IsPaginatedOverTheMergedResult_WithIdsFromTheName()
    {
        var page2 = await _http.GetStringAsync(new Uri("/api/v1/graph/endpoint?q=^ep-&limit=2&page=2", UriKind.Relative));
        var page3 = await _http.GetStringAsync(new Uri("/api/v1/graph/endpoint?q=^ep-&limit=2&page=3", UriKind.Relative));

        Assert.That(page2, Is.EqualTo($$"""[{"id":{{EndpointIds.For("ep-03")}},"endpoint":"ep-03"},{"id":{{EndpointIds.For("ep-04")}},"endpoint":"ep-04"}]"""));
        Assert.That(page3, Is.EqualTo($$"""[{"id":{{EndpointIds.For("ep-05")}},"endpoint":"ep-05"}]"""));
    }

    [Test]
    public async Task EndpointCounter_ByIdsOfBothDatacenters_ListsEachEndpointsCountersOnly()
    {
        var ids = $"{EndpointIds.For("web-b")},{EndpointIds.For("web-a")}";

        var text = await _http.GetStringAsync(new Uri($"/api/v1/graph/endpoint_counter?eid={ids}&metricQuery=cpu%20!bytes", UriKind.Relative));

        Assert.That(text, Is.EqualTo(
            $$"""[{"endpoint_id":{{EndpointIds.For("web-b")}},"counter":"cpu.idle","step":60,"type":"GAUGE"},{"endpoint_id":{{EndpointIds.For("web-a")}},"counter":"cpu.idle","step":60,"type":"GAUGE"}]"""));
    }

    [Test]
    public async Task EndpointObj_AnswersKnownEndpointsWithTheirIdAndLastSignOfLife_AfterTheDeadline()
    {
        var text = await _http.GetStringAsync(new Uri($"/api/v1/graph/endpointobj?endpoints=web-a&endpoints=web-b&endpoints=nowhere&deadline={_t}", UriKind.Relative));
        var future = await _http.GetStringAsync(new Uri($"/api/v1/graph/endpointobj?endpoints=web-a&deadline={_t + 86_400}", UriKind.Relative));

        var items = JsonDocument.Parse(text).RootElement.EnumerateArray().ToArray();
        Assert.That(items.Select(i => i.GetProperty("endpoint").GetString()), Is.EqualTo(new[] { "web-a", "web-b" }));
        Assert.That(items.Select(i => i.GetProperty("id").GetInt64()), Is.EqualTo(new[] { EndpointIds.For("web-a"), EndpointIds.For("web-b") }));
        Assert.That(items.Select(i => i.GetProperty("ts").GetInt64()), Has.All.GreaterThanOrEqualTo(_t));
        Assert.That(items[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "endpoint", "ts" }));
        Assert.That(future, Is.EqualTo("[]"));
    }

    [Test]
    public async Task Info_AnswersGraphsFullyInfoWithTheInferredStepAndTheDatacenter()
    {
        using var response = await _http.PostAsync(new Uri("/api/v1/graph/info", UriKind.Relative), Json("""[{"endpoint":"web-b","counter":"cpu.idle"},{"endpoint":"web-b","counter":"no.such"}]"""));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """[{"endpoint":"web-b","counter":"cpu.idle","consolFun":"AVERAGE","step":60,"filename":"","addr":"dc2"}]"""));
    }

    [Test]
    public async Task GrafanaFind_ListsTheNextLevelOfAHostsCounters_AndRenderAnswersAsHistory()
    {
        var find = await _http.GetStringAsync(new Uri("/api/v1/grafana/metrics/find?query=" + Uri.EscapeDataString("web-a#cpu"), UriKind.Relative));
        using var form = new FormUrlEncodedContent(
        [
            new("target", "web-a#cpu#idle"),
            new("from", _t.ToString(CultureInfo.InvariantCulture)),
            new("until", (_t + 120).ToString(CultureInfo.InvariantCulture)),
            new("step", "60"),
        ]);
        using var render = await _http.PostAsync(new Uri("/api/v1/grafana/render", UriKind.Relative), form);

        Assert.That(find, Is.EqualTo("""[{"expandable":false,"text":"idle"},{"expandable":false,"text":"$"},{"expandable":false,"text":"%"}]"""));
        Assert.That(await render.Content.ReadAsStringAsync(), Is.EqualTo(
            $$"""[{"endpoint":"web-a","counter":"cpu.idle","dstype":"GAUGE","step":60,"Values":[{"timestamp":{{_t}},"value":1.500000},{"timestamp":{{_t + 60}},"value":2.250000},{"timestamp":{{_t + 120}},"value":3.000000}]}]"""));
    }

    [Test]
    public async Task BadInput_GetsA400WithAClearError()
    {
        using var history = await _http.PostAsync(new Uri("/api/v1/graph/history", UriKind.Relative), Json("""{"hostnames":["web-a"],"counters":["cpu.idle"],"consol_fun":"MEDIAN","start_time":1,"end_time":2}"""));
        using var notJson = await _http.PostAsync(new Uri("/api/v1/graph/lastpoint", UriKind.Relative), Json("not json"));
        using var promql = await _http.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString("sum(("), UriKind.Relative));

        Assert.That(history.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await history.Content.ReadAsStringAsync(), Does.StartWith("{\"error\":\"consol_fun must be one of AVERAGE"));
        Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(promql.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await promql.Content.ReadAsStringAsync(), Does.StartWith("{\"status\":\"error\",\"errorType\":\"bad_data\""));
    }

    [Test]
    public async Task PromQl_Selectors_MergeExactly_AndEqualEachTsdbQueriedDirectly()
    {
        var query = $"query={Uri.EscapeDataString("{__name__=\"cpu.idle\"}")}&time={_t + 120}";
        using var direct = new HttpClient();

        var merged = Vector(await _http.GetStringAsync(new Uri("/api/v1/query?" + query, UriKind.Relative)));
        var one = Vector(await direct.GetStringAsync(new Uri(_vm1.BaseAddress, "/api/v1/query?" + query)));
        var two = Vector(await direct.GetStringAsync(new Uri(_vm2.BaseAddress, "/api/v1/query?" + query)));

        Assert.That(merged, Is.EquivalentTo(one.Concat(two)));
        Assert.That(merged, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task PromQl_AnAggregation_DoesNotMerge_ButComesBackPerDatacenterWithADatacenterLabel()
    {
        using var form = new FormUrlEncodedContent([new("query", "sum({__name__=\"cpu.idle\"})"), new("time", (_t + 120).ToString(CultureInfo.InvariantCulture))]);

        using var response = await _http.PostAsync(new Uri("/api/v1/query", UriKind.Relative), form);

        Assert.That(Vector(await response.Content.ReadAsStringAsync()), Is.EquivalentTo(new[] { "{datacenter=dc1} 3", "{datacenter=dc2} 30" }));
    }

    [Test]
    public async Task PromQl_LabelValuesAndSeries_AreUnionsOverBothDatacenters()
    {
        var values = await _http.GetStringAsync(new Uri("/api/v1/label/endpoint/values", UriKind.Relative));
        using var form = new FormUrlEncodedContent([new("match[]", "{__name__=\"cpu.idle\"}")]);
        using var series = await _http.PostAsync(new Uri("/api/v1/series", UriKind.Relative), form);

        Assert.That(values, Does.Contain("\"web-a\"").And.Contain("\"web-b\"").And.Contain("\"ep-05\""));
        Assert.That(JsonDocument.Parse(await series.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Queries_WithoutCredentials_Are401_AndABearerAdminTokenOrAUicSessionIsAccepted()
    {
        using var anonymous = new HttpClient { BaseAddress = _proxy.HttpAddress };
        using var refused = await anonymous.GetAsync(new Uri("/api/v1/graph/endpoint?q=web", UriKind.Relative));
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/api/v1/graph/endpoint?q=web");
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiProxyInstance.AdminToken);
        using var adminAnswer = await anonymous.SendAsync(admin);
        await using (var uic = new MySqlConnection(_db.Options.Uic))
        {
            await uic.OpenAsync();
            await using var insert = new MySqlCommand("INSERT INTO user (id, name) VALUES (41, 'alice'); INSERT INTO session (uid, sig, expired) VALUES (41, 'alicesig', @expired)", uic);
            insert.Parameters.AddWithValue("@expired", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds());
            await insert.ExecuteNonQueryAsync();
        }

        using var session = new HttpRequestMessage(HttpMethod.Get, "/api/v1/graph/endpoint?q=web");
        session.Headers.Add("Apitoken", """{"name":"alice","sig":"alicesig"}""");
        using var sessionAnswer = await anonymous.SendAsync(session);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/graph/endpoint?q=web");
        wrong.Headers.Add("Apitoken", """{"name":"alice","sig":"notthesig"}""");
        using var wrongAnswer = await anonymous.SendAsync(wrong);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.StartWith("{\"error\":\"no credentials"));
        Assert.That(adminAnswer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sessionAnswer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(wrongAnswer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task AnEndpointThatMoves_IsRoutedToTheDatacenterItHeartbeatsToNow()
    {
        await HeartbeatAsync(_hbs1, "mover");
        await Poll.UntilAsync(() => Task.FromResult(_proxy.Map.Current("mover")?.Name == "dc1"), TimeSpan.FromSeconds(20), "mover in dc1");

        // hbs1 still lists it (until its eviction); the newer heartbeat in dc2 decides. Heartbeat times are seconds,
        // so the poll heartbeats again until dc2's is the later one.
        await Poll.UntilAsync(async () =>
        {
            await HeartbeatAsync(_hbs2, "mover");
            return _proxy.Map.Current("mover")?.Name == "dc2";
        }, TimeSpan.FromSeconds(20), "mover in dc2");

        Assert.That(_proxy.Map.Snapshot.Hosts["mover"].Datacenters.Select(d => d.Name), Is.EqualTo(new[] { "dc2", "dc1" }));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    // "{label=value,...} value" per series of an instant vector answer, __name__ left out.
    private static List<string> Vector(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.That(document.RootElement.GetProperty("status").GetString(), Is.EqualTo("success"), json);
        return document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(s => "{" + string.Join(',', s.GetProperty("metric").EnumerateObject().Where(l => l.Name != "__name__").OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}={l.Value.GetString()}"))
                + "} " + s.GetProperty("value")[1].GetString())
            .ToList();
    }

    private static async Task HeartbeatAsync(HbsInstance hbs, string hostname)
    {
        await using var agent = new JsonRpcClient([hbs.RpcAddress]);
        await agent.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = hostname, IP = "10.0.0.1", AgentVersion = "7.0.0", PluginVersion = "" },
            AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);
    }
}
