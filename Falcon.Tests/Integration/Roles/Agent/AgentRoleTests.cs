using System.Net;
using System.Text;
using Falcon.Hosting;
using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Push;
using Falcon.Roles.Agent.Scheduling;
using Falcon.Shared.Model.Agents;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Roles.Transfer;
using Falcon.Tests.Integration.Shared.Portal;
using Falcon.Tests.Roles.Agent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Agent;

[Category("Integration")]
public sealed class AgentRoleTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Test]
    public async Task Agent_HeartbeatsToFalconHbs_WhichWritesItsHostRow_AndSendsItsBuiltinMetrics()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync("INSERT INTO host (id, hostname) VALUES (1, 'agent-hb-01')");
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 0)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1001, 'net.port.listen', 'port=80', 3, 0, 'all(#1)', '==', '0', 100)");
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), $"agent-test-{Guid.NewGuid():N}");
        var upgrade = new FakeSelfUpgrade();

        await using var agent = await AgentInstance.StartAsync(
            [], upgrade, "agent.hostname=agent-hb-01", $"agent.hbs.0={hbs.RpcAddress}", "agent.heartbeatInterval=00:00:00.200");

        await Poll.UntilAsync(async () => (await db.HostsAsync()).Any(h => h.StartsWith($"agent-hb-01|127.0.0.1|{FalconVersion.Current}|", StringComparison.Ordinal)), what: "hbs wrote the agent's host row");
        var builtin = agent.Services.GetRequiredService<BuiltinMetricSet>();
        await Poll.UntilAsync(() => Task.FromResult(builtin.Current.Count == 1), what: "the builtin metrics reached the agent");
        Assert.Multiple(() =>
        {
            Assert.That(builtin.Current.Single(), Is.EqualTo(new BuiltinMetric("net.port.listen", "port=80")));
            Assert.That(upgrade.HeartbeatsSucceeded, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task CollectedAndPushedPoints_ReachTheTsdbThroughFalconTransfer_OnWallClockTicks()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        await using var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl, "transfer.minStep=10");
        var host = $"agent-{Guid.NewGuid():N}"[..20];
        await using var agent = await AgentInstance.StartAsync(
            [TestCollector.Gauge("probe", 10)], null, $"agent.hostname={host}", $"agent.transfer.0={transfer.RpcAddress}", $"agent.hbs.0={RecordingRpcServer.DeadAddress()}", "agent.defaultTags.idc=bj");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60;

        var pushed = await Http.PostAsync(new Uri(agent.HttpAddress, "/v1/push"), new StringContent(
            $$"""[{"endpoint":"{{host}}","metric":"app.qps","value":42,"step":60,"counterType":"GAUGE","tags":"app=shop","timestamp":{{now}}}]"""));
        Assert.That((pushed.StatusCode, await pushed.Content.ReadAsStringAsync()), Is.EqualTo((HttpStatusCode.OK, "success")));

        var series = await TsdbExport.WaitForAsync(tsdb, $$"""{endpoint="{{host}}"}""", 2);
        var probe = series.Single(s => s.Key.StartsWith("__name__=probe.value,", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(series[$"__name__=app.qps,app=shop,counterType=GAUGE,endpoint={host},idc=bj"], Is.EqualTo(new[] { $"{now}=42" }));
            Assert.That(probe.Key, Is.EqualTo($"__name__=probe.value,counterType=GAUGE,endpoint={host},idc=bj"));
            Assert.That(probe.Value.Select(v => long.Parse(v.Split('=')[0], System.Globalization.CultureInfo.InvariantCulture) % 10), Is.All.Zero, "ticks on multiples of 10 s");
        });
    }

    [Test]
    public async Task WhileTransferIsStopped_PointsAreBuffered_AndReplayedWhenItStartsAgain()
    {
        var tsdb = await TestServers.VictoriaMetricsAsync();
        var transfer = await TransferInstance.StartAsync(tsdb.WriteUrl);
        var address = transfer.RpcAddress;
        await transfer.DisposeAsync();
        var host = $"agent-{Guid.NewGuid():N}"[..20];
        await using var agent = await AgentInstance.StartAsync(
            [], null, $"agent.hostname={host}", $"agent.transfer.0={address}", $"agent.hbs.0={RecordingRpcServer.DeadAddress()}");
        var buffer = agent.Services.GetRequiredService<PushBuffer>();
        var t0 = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 600;

        for (var i = 0; i < 3; i++)
        {
            var pushed = await Http.PostAsync(new Uri(agent.HttpAddress, "/v1/push"), new StringContent(
                $$"""[{"endpoint":"{{host}}","metric":"replayed","value":{{i}},"step":60,"counterType":"GAUGE","tags":"","timestamp":{{t0 + (60 * i)}}}]"""));
            Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(buffer.Count, Is.EqualTo(3), "nothing is lost while transfer is down");

        await using var restarted = await TransferInstance.StartAsync(tsdb.WriteUrl, $"transfer.rpcListen={address}");
        await Poll.UntilAsync(() => Task.FromResult(buffer.Count == 0), what: "the buffer drained into the restarted transfer");
        await restarted.WrittenAsync();

        var series = await TsdbExport.WaitForAsync(tsdb, $$"""{endpoint="{{host}}"}""", 3);
        Assert.That(series.Single().Value, Is.EqualTo(new[] { $"{t0}=0", $"{t0 + 60}=1", $"{t0 + 120}=2" }));
    }

    [Test]
    public async Task Http_ServesHealthAndVersion_AndRefusesBadJsonWith400()
    {
        await using var agent = await AgentInstance.StartAsync(
            [], null, $"agent.transfer.0={RecordingRpcServer.DeadAddress()}", $"agent.hbs.0={RecordingRpcServer.DeadAddress()}");

        var health = await Http.GetStringAsync(new Uri(agent.HttpAddress, "/health"));
        var version = await Http.GetStringAsync(new Uri(agent.HttpAddress, "/version"));
        var bad = await Http.PostAsync(new Uri(agent.HttpAddress, "/v1/push"), new StringContent("[{", Encoding.UTF8, "application/json"));
        var run = await Http.PostAsync(new Uri(agent.HttpAddress, "/run"), new StringContent("id"));

        Assert.Multiple(async () =>
        {
            Assert.That((health, version), Is.EqualTo(("ok", FalconVersion.Current)));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await bad.Content.ReadAsStringAsync(), Does.StartWith("""{"msg":"cannot decode body: """));
            Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no remote command execution");
        });
    }

    [Test]
    public async Task TheRole_RunsTheLinuxCatalog_WithTiersMovedByConfiguration()
    {
        await using var agent = await AgentInstance.StartAsync(
            [], null, withCatalog: true, $"agent.transfer.0={RecordingRpcServer.DeadAddress()}", $"agent.hbs.0={RecordingRpcServer.DeadAddress()}", "agent.tiers.df=120");

        var collectors = agent.Services.GetRequiredService<AgentCollectors>().All;
        var scheduler = agent.Services.GetServices<IHostedService>().OfType<CollectorScheduler>().Single();

        Assert.Multiple(() =>
        {
            Assert.That(collectors.Select(c => c.Name), Is.SupersetOf(new[] { "cpu", "mem", "df", "net" }));
            Assert.That(scheduler.IntervalOf(collectors.Single(c => c.Name == "df")), Is.EqualTo(120));
            Assert.That(scheduler.IntervalOf(collectors.Single(c => c.Name == "cpu")), Is.EqualTo(10));
        });
    }

    [Test]
    public void ATierNamingNoCollector_StopsTheStartWithOneClearLine()
    {
        var error = Assert.ThrowsAsync<OptionsValidationException>(() => AgentInstance.StartAsync(
            [], null, withCatalog: true, $"agent.transfer.0={RecordingRpcServer.DeadAddress()}", $"agent.hbs.0={RecordingRpcServer.DeadAddress()}", "agent.tiers.cpuu=30"));

        Assert.That(error!.Failures.Single(), Does.StartWith("agent.tiers.cpuu names no collector; collectors are: agent, cpu, "));
    }
}
