using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Falcon.Tests.Integration.Roles.Transfer;

[Category("Integration")]
public sealed partial class TransferRoleTests
{
    // Whole minutes in the past, so the step rule (minStep 30, steps 60) leaves them as they are.
    private static readonly long T0 = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 600;

    [Test]
    public async Task GoAgentUpdate_IsReadableThroughTheTsdb_WithNamesLabelsTimestampsAndValues()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl);
        using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);
        var host = Host();

        // Byte for byte what open-falcon's Go agent sends (net/rpc/jsonrpc: id from 0, the slice as the one argument).
        var reply = await agent.CallAsync($$"""{"method":"Transfer.Update","params":[[{"metric":"cpu.idle","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":97.5,"counterType":"GAUGE","tags":""},{"metric":"df.bytes.free.percent","endpoint":"{{host}}","timestamp":{{T0 + 7}},"step":60,"value":"41","counterType":"GAUGE","tags":"fstype=ext4, mount=/"}]],"id":0}""");

        Assert.That(WithoutLatency(reply), Is.EqualTo("""{"id":0,"result":{"Message":"ok","Total":2,"Invalid":0,"Latency":_},"error":null}"""));
        await transfer.WrittenAsync();
        var series = await TsdbExport.WaitForAsync(tsdb, $$"""{endpoint="{{host}}"}""", 2);
        Assert.That(series, Is.EquivalentTo(new Dictionary<string, List<string>>
        {
            [$"__name__=cpu.idle,counterType=GAUGE,endpoint={host}"] = [$"{T0}=97.5"],
            // Step 60: the timestamp is aligned down to the minute, as open-falcon does for graph and judge.
            [$"__name__=df.bytes.free.percent,counterType=GAUGE,endpoint={host},fstype=ext4,mount=/"] = [$"{T0}=41"],
        }));
    }

    [Test]
    public async Task Ping_AnswersCode0()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl);
        using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);

        Assert.That(await agent.CallAsync("""{"method":"Transfer.Ping","params":[{}],"id":3}"""), Is.EqualTo("""{"id":3,"result":{"code":0},"error":null}"""));
    }

    [Test]
    public async Task Update_CountsInvalidItemsExactlyAsOpenFalcon_AndStoresTheRest()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl);
        using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);
        var host = Host();
        var longTags = "k=" + new string('v', 510);

        var reply = await agent.CallAsync($$"""
            {"method":"Transfer.Update","params":[[
            {"metric":"ok.one","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1,"counterType":"GAUGE","tags":""},
            null,
            {"metric":"kernel.hostname","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":"web","counterType":"GAUGE","tags":""},
            {"metric":"","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1,"counterType":"GAUGE","tags":""},
            {"metric":"bad.type","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1,"counterType":"Gauge","tags":""},
            {"metric":"bad.value","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":"","counterType":"GAUGE","tags":""},
            {"metric":"bad.step","endpoint":"{{host}}","timestamp":{{T0}},"step":0,"value":1,"counterType":"GAUGE","tags":""},
            {"metric":"too.long","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1,"counterType":"GAUGE","tags":"{{longTags}}"},
            {"metric":"bad.bool","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":true,"counterType":"GAUGE","tags":""},
            {"metric":"ok.two","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":"2e3","counterType":"GAUGE","tags":""}
            ]],"id":7}
            """.ReplaceLineEndings(""));

        Assert.That(WithoutLatency(reply), Is.EqualTo("""{"id":7,"result":{"Message":"ok","Total":10,"Invalid":8,"Latency":_},"error":null}"""));
        await transfer.WrittenAsync();
        var series = await TsdbExport.WaitForAsync(tsdb, $$"""{endpoint="{{host}}"}""", 2);
        Assert.That(series.Keys.Select(k => k.Split(',')[0]), Is.EquivalentTo(new[] { "__name__=ok.one", "__name__=ok.two" }));
    }

    [Test]
    public async Task Counters_AreStoredRaw_WithTheirCounterType()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl);
        using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);
        var host = Host();

        await agent.CallAsync($$"""{"method":"Transfer.Update","params":[[{"metric":"net.if.in.bytes","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1000,"counterType":"COUNTER","tags":"iface=eth0"},{"metric":"net.if.in.bytes","endpoint":"{{host}}","timestamp":{{T0 + 60}},"step":60,"value":7000,"counterType":"COUNTER","tags":"iface=eth0"}]],"id":0}""");

        await transfer.WrittenAsync();

        var series = await TsdbExport.WaitForAsync(tsdb, $$"""{__name__="net.if.in.bytes",endpoint="{{host}}"}""", 2);
        Assert.That(series.Single().Key, Does.Contain("counterType=COUNTER"));
        Assert.That(series.Single().Value, Is.EqualTo(new[] { $"{T0}=1000", $"{T0 + 60}=7000" }));
    }

    [Test]
    public async Task HttpPush_IsReadableThroughTheTsdb_AndAnsweredInOpenFalconsEnvelope()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl);
        using var http = new HttpClient { BaseAddress = transfer.HttpAddress };
        var host = Host();

        using var push = await http.PostAsync("/api/push", Json($$"""[{"metric":"mem.memfree.percent","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":33,"counterType":"GAUGE","tags":""},{"metric":"","endpoint":"{{host}}","timestamp":{{T0}},"step":60,"value":1,"counterType":"GAUGE","tags":""}]"""));
        using var blank = await http.PostAsync("/api/push", Json(""));
        using var garbage = await http.PostAsync("/api/push", Json("[{"));

        Assert.Multiple(async () =>
        {
            Assert.That(push.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(WithoutLatency(await push.Content.ReadAsStringAsync()), Is.EqualTo("""{"msg":"success","data":{"Message":"ok","Total":2,"Invalid":1,"Latency":_}}"""));
            Assert.That(blank.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await blank.Content.ReadAsStringAsync(), Is.EqualTo("blank body\n"));
            Assert.That(garbage.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await garbage.Content.ReadAsStringAsync(), Is.EqualTo("decode error\n"));
        });
        await transfer.WrittenAsync();
        var series = await TsdbExport.WaitForAsync(tsdb, $$"""{__name__="mem.memfree.percent",endpoint="{{host}}"}""", 1);
        Assert.That(series.Single().Value, Is.EqualTo(new[] { $"{T0}=33" }));
    }

    internal static string Host() => $"h-{Guid.NewGuid():N}";

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static string WithoutLatency(string reply) => LatencyPattern().Replace(reply, "\"Latency\":_");

    [GeneratedRegex("\"Latency\":\\d+")]
    private static partial Regex LatencyPattern();
}
