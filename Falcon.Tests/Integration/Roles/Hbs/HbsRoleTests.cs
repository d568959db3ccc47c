using System.Text;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Wire;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Hbs;

[Category("Integration")]
public sealed class HbsRoleTests
{
    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task GoAgentHeartbeats_CreateAndThenUpdateTheHostRow(bool cluster)
    {
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(cluster), Prefix());
        using var agent = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        // Byte for byte what open-falcon's Go agent sends (net/rpc/jsonrpc: id from 0, one arg in params).
        var first = await agent.CallAsync("""{"method":"Agent.ReportStatus","params":[{"Hostname":"web-01","IP":"10.0.0.7","AgentVersion":"5.1.2","PluginVersion":"plugin not enabled"}],"id":0}""");
        Assert.That(first, Is.EqualTo("""{"id":0,"result":{"code":0,"Args":null},"error":null}"""));
        await Poll.UntilAsync(async () => (await db.HostsAsync()).SequenceEqual(["web-01|10.0.0.7|5.1.2|plugin not enabled"]));

        await agent.CallAsync("""{"method":"Agent.ReportStatus","params":[{"Hostname":"web-01","IP":"10.0.0.8","AgentVersion":"7.0.0","PluginVersion":"plugin not enabled"}],"id":1}""");
        await Poll.UntilAsync(async () => (await db.HostsAsync()).SequenceEqual(["web-01|10.0.0.8|7.0.0|plugin not enabled"]));
    }

    [Test]
    public async Task ReportStatus_WithAnEmptyHostname_AnswersCode1AndWritesNothing()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        using var agent = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        var reply = await agent.CallAsync("""{"method":"Agent.ReportStatus","params":[{"Hostname":"","IP":"10.0.0.7"}],"id":5}""");

        Assert.That(reply, Is.EqualTo("""{"id":5,"result":{"code":1,"Args":null},"error":null}"""));
        Assert.That(hbs.Services.GetRequiredService<Falcon.Roles.Hbs.Agents.AgentRegistry>().Count, Is.Zero);
    }

    [Test]
    public async Task Judge_GetsStrategiesAndExpressionsFromMySql_AndAgentsSeeTheirBuiltinMetricsAndPlugins()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync("INSERT INTO host (id, hostname, ip) VALUES (1, 'web-01', '10.0.0.7')");
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 7)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1000, 'cpu.idle', '', 3, 0, 'all(#3)', '<', '10', 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1001, 'net.port.listen', 'port=80', 3, 0, 'all(#1)', '==', '0', 100)");
        await db.ExecuteAsync("INSERT INTO expression (id, expression, func, op, right_value, max_step, priority, action_id) VALUES (5, 'each(metric=qps project=shop)', 'all(#1)', '>', '100', 1, 2, 7)");
        await db.ExecuteAsync("INSERT INTO plugin_dir (grp_id, dir) VALUES (10, 'sys/ntp')");
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        await using var judge = new JsonRpcClient([hbs.RpcAddress]);

        var strategies = await Poll.ForAsync(
            () => judge.CallAsync("Hbs.GetStrategies", new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, StrategiesJsonContext.Default.StrategiesResponse),
            s => s.HostStrategies.Count > 0);
        var expressions = await judge.CallAsync("Hbs.GetExpressions", new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, StrategiesJsonContext.Default.ExpressionsResponse);
        var builtin = await judge.CallAsync("Agent.BuiltinMetrics", new AgentHeartbeatRequest { Hostname = "web-01", Checksum = "nil" }, AgentJsonContext.Default.AgentHeartbeatRequest, AgentJsonContext.Default.BuiltinMetricResponse);
        var plugins = await judge.CallAsync("Agent.MinePlugins", new AgentHeartbeatRequest { Hostname = "web-01" }, AgentJsonContext.Default.AgentHeartbeatRequest, AgentJsonContext.Default.AgentPluginsResponse);

        Assert.Multiple(() =>
        {
            Assert.That(strategies.HostStrategies.Single().Hostname, Is.EqualTo("web-01"));
            Assert.That(strategies.HostStrategies.Single().Strategies.Select(s => s.Id), Is.EquivalentTo(new[] { 1000, 1001 }));
            Assert.That(strategies.HostStrategies.Single().Strategies.First(s => s.Id == 1000).Tpl!.ActionId, Is.EqualTo(7));
            Assert.That(expressions.Expressions.Single().Metric, Is.EqualTo("qps"));
            Assert.That(builtin.Metrics.Select(m => $"{m.Metric}/{m.Tags}"), Is.EqualTo(new[] { "net.port.listen/port=80" }));
            Assert.That(builtin.Checksum, Is.EqualTo(Md5("net.port.listen/port=80")));
            Assert.That(plugins.Plugins, Is.EqualTo(new[] { "sys/ntp" }));
        });
    }

    [Test]
    public async Task Http_ServesAgentsAndAGroupsHostsInOpenFalconsEnvelope()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync("INSERT INTO host (id, hostname) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1), (10, 3)");
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        await using var agent = new JsonRpcClient([hbs.RpcAddress]);
        await agent.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = "z-1", IP = "10.0.0.1" }, AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);
        using var http = new HttpClient { BaseAddress = hbs.HttpAddress };

        var agents = await http.GetStringAsync(new Uri("/agents", UriKind.Relative));
        var group = await Poll.ForAsync(() => http.GetAsync(new Uri("/hostgroup/web/hosts", UriKind.Relative)), r => r.IsSuccessStatusCode);
        using var missing = await http.GetAsync(new Uri("/hostgroup/nope/hosts", UriKind.Relative));

        Assert.That(agents, Is.EqualTo("""{"msg":"success","data":["z-1"]}"""));
        Assert.That(await group.Content.ReadAsStringAsync(), Is.EqualTo("""{"msg":"success","data":["a","c"]}"""));
        Assert.That((int)missing.StatusCode, Is.EqualTo(404));
        group.Dispose();
    }

    [Test]
    public async Task GetAgents_ListsTheHostnamesHeartbeatingHere()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        await using var client = new JsonRpcClient([hbs.RpcAddress]);
        foreach (var name in new[] { "b", "a" })
        {
            await client.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = name }, AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);
        }

        var agents = await client.CallAsync("Hbs.GetAgents", new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, AgentJsonContext.Default.AgentsResponse);

        Assert.That(agents.Agent, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task TrustableIps_AnswersTheConfiguredListAsABareString()
    {
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix(), "hbs.trustable.0=10.0.0.5", "hbs.trustable.1=10.0.0.6");
        using var agent = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        var reply = await agent.CallAsync("""{"method":"Agent.TrustableIps","params":[{}],"id":0}""");

        Assert.That(reply, Is.EqualTo("""{"id":0,"result":"10.0.0.5,10.0.0.6","error":null}"""));
    }

    [Test]
    public async Task WithMySqlAndRedisDown_HeartbeatsAreStillAnswered_AndStrategiesSayTheyAreNotLoaded()
    {
        var down = $"Server=127.0.0.1;Port={Servers.ServerProcess.FreePort()};User ID=root;Connection Timeout=1;Database=";
        await using var db = await PortalDatabase.CreateAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix(),
            $"mysql.portal={down}p", $"redis.connection=127.0.0.1:{Servers.ServerProcess.FreePort()},connectTimeout=200");
        await using var client = new JsonRpcClient([hbs.RpcAddress]);

        var heartbeat = await client.CallAsync("Agent.ReportStatus", new AgentReportRequest { Hostname = "h" }, AgentJsonContext.Default.AgentReportRequest, AgentJsonContext.Default.AgentReportResponse);

        Assert.That(heartbeat.Code, Is.Zero);
        Assert.That(
            async () => await client.CallAsync("Hbs.GetStrategies", new NullRpcRequest(), AgentJsonContext.Default.NullRpcRequest, StrategiesJsonContext.Default.StrategiesResponse),
            Throws.InstanceOf<JsonRpcException>().With.Message.Contains("not loaded"));
    }

    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..8];

    private static string Md5(string text) =>
#pragma warning disable CA5351 // open-falcon's checksum is md5; this recomputes it independently
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
