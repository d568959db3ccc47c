using System.Text.Json;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Hbs;

/// <summary>The RPCs the fork's agents and judges call, with the fork's request bytes, against hbs on MariaDB.</summary>
[Category("Integration")]
public sealed class ForkRpcTests
{
    private const long Forever = 4102444800; // 2100-01-01: a maintenance window that covers now

    [Test]
    public async Task ForkAgentCalls_SyncServiceNamesAndDynamicMonitoring_AnswerInTheForksShapesAndCodes()
    {
        await using var db = await SeededAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        using var agent = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        // The fork's agent sends its AgentReportRequest to both.
        const string Web = """{"Hostname":"web-01","IP":"10.0.0.7","AgentVersion":"6.0.1","PluginVersion":"plugin not enabled","InUpgrading":false}""";
        var services = await agent.CallAsync($$"""{"method":"Agent.SyncServiceNames","params":[{{Web}}],"id":0}""");
        var dbServices = await agent.CallAsync("""{"method":"Agent.SyncServiceNames","params":[{"Hostname":"db-01"}],"id":1}""");
        var noServices = await agent.CallAsync("""{"method":"Agent.SyncServiceNames","params":[{"Hostname":"unknown-01"}],"id":2}""");
        var noHostname = await agent.CallAsync("""{"method":"Agent.SyncServiceNames","params":[{"Hostname":""}],"id":3}""");
        var intervals = await agent.CallAsync($$"""{"method":"Agent.DynamicMonitoring","params":[{{Web}}],"id":4}""");
        var noIntervals = await agent.CallAsync("""{"method":"Agent.DynamicMonitoring","params":[{"Hostname":"db-01"}],"id":5}""");
        var intervalsNoHostname = await agent.CallAsync("""{"method":"Agent.DynamicMonitoring","params":[{"Hostname":""}],"id":6}""");

        Assert.Multiple(() =>
        {
            Assert.That(services, Is.EqualTo("""{"id":0,"result":{"code":0,"args":"nginx,php-fpm"},"error":null}"""));
            Assert.That(dbServices, Is.EqualTo("""{"id":1,"result":{"code":0,"args":"mysql"},"error":null}"""));
            Assert.That(noServices, Is.EqualTo("""{"id":2,"result":{"code":2,"args":""},"error":null}"""));
            Assert.That(noHostname, Is.EqualTo("""{"id":3,"result":{"code":1,"args":""},"error":null}"""));
            // Only enabled rows (status = 1); keys sorted as Go writes a map.
            Assert.That(intervals, Is.EqualTo("""{"id":4,"result":{"code":0,"args":{"cpu.idle":30,"disk.io.util":15}},"error":null}"""));
            Assert.That(noIntervals, Is.EqualTo("""{"id":5,"result":{"code":0,"args":{}},"error":null}"""));
            Assert.That(intervalsNoHostname, Is.EqualTo("""{"id":6,"result":{"code":1,"args":null},"error":null}"""));
        });
    }

    [Test]
    public async Task AForkJudge_GetsTheStrategiesOfOneEndpoint_ThroughGetOneEndStrategies()
    {
        await using var db = await SeededAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        using var judge = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        var web = await judge.CallAsync("""{"method":"Hbs.GetOneEndStrategies","params":[{"endpoint":"web-01"}],"id":0}""");
        var maintained = await judge.CallAsync("""{"method":"Hbs.GetOneEndStrategies","params":[{"endpoint":"web-02"}],"id":1}""");
        var noTemplates = await judge.CallAsync("""{"method":"Hbs.GetOneEndStrategies","params":[{"endpoint":"db-01"}],"id":2}""");
        var one = await judge.CallAsync("""{"method":"Hbs.GetStrategiesOne","params":[{"hostname":"web-01"}],"id":3}""");
        var oneUnknown = await judge.CallAsync("""{"method":"Hbs.GetStrategiesOne","params":[{"hostname":"unknown-01"}],"id":4}""");

        var strategies = Result(web).GetProperty("strategies").EnumerateArray().ToList();
        var hostStrategies = Result(one).GetProperty("hostStrategies").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(strategies.Select(s => s.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 1000L, 1001L }));
            Assert.That(strategies.Select(s => s.GetProperty("metric").GetString()), Is.EqualTo(new[] { "cpu.idle", "mem.memfree.percent" }));
            // Inherited from the parent template, served with the youngest template of the chain (its action routes).
            Assert.That(strategies.Select(s => s.GetProperty("tpl").GetProperty("id").GetInt64()), Is.EqualTo(new[] { 101L, 101L }));
            Assert.That(strategies.Select(s => s.GetProperty("tpl").GetProperty("actionId").GetInt64()), Is.EqualTo(new[] { 8L, 8L }));
            Assert.That(strategies.Select(s => s.GetProperty("union_strategy_id").GetInt64()), Is.EqualTo(new[] { 3L, 3L }));
            Assert.That(strategies[0].GetProperty("tags").GetRawText(), Is.EqualTo("""{"core":"all"}"""));
            Assert.That(strategies[1].GetProperty("rightValue").GetRawText(), Is.EqualTo("5"));
            Assert.That(maintained, Is.EqualTo("""{"id":1,"result":{"strategies":null},"error":null}"""));
            Assert.That(noTemplates, Is.EqualTo("""{"id":2,"result":{"strategies":null},"error":null}"""));
            Assert.That(hostStrategies.GetProperty("hostname").GetString(), Is.EqualTo("web-01"));
            Assert.That(hostStrategies.GetProperty("strategies").GetRawText(), Is.EqualTo(Result(web).GetProperty("strategies").GetRawText()));
            Assert.That(oneUnknown, Is.EqualTo("""{"id":4,"result":{"hostStrategies":[]},"error":null}"""));
        });
    }

    [Test]
    public async Task ForkJudgeCalls_GetUnionStrategiesAndGetOneUnionStrategies_GiveTheCombinedStrategies()
    {
        await using var db = await SeededAsync();
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        using var judge = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        var all = await judge.CallAsync("""{"method":"Hbs.GetUnionStrategies","params":[{}],"id":0}""");
        var three = await judge.CallAsync("""{"method":"Hbs.GetOneUnionStrategies","params":[{"id":3}],"id":1}""");
        var none = await judge.CallAsync("""{"method":"Hbs.GetOneUnionStrategies","params":[{"id":9}],"id":2}""");

        var map = Result(all).GetProperty("union_strategies_map");
        var members = Result(three).GetProperty("strategies").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            // Union 4 lists one existing strategy only: no combination, left out as the fork does.
            Assert.That(map.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "3" }));
            Assert.That(map.GetProperty("3").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 1001L, 1000L }), "in the listed order");
            Assert.That(members.Select(s => s.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 1000L, 1001L }));
            Assert.That(members.Select(s => s.GetProperty("tpl").GetProperty("id").GetInt64()), Is.EqualTo(new[] { 100L, 101L }), "each with its own template");
            Assert.That(none, Is.EqualTo("""{"id":2,"result":{"strategies":null},"error":null}"""));
        });
    }

    [Test]
    public async Task ADatabaseWithoutTheForksTables_IsStillServed_AndTheForkRpcsAnswerNone()
    {
        await using var db = await SeededAsync();
        await db.ExecuteAsync("DROP TABLE grp_svs, dynamic_config, union_strategy");
        await db.ExecuteAsync("ALTER TABLE strategy DROP COLUMN union_strategy_id");
        await using var hbs = await HbsInstance.StartAsync(db, await TestServers.RedisAsync(), Prefix());
        using var client = await GoClientConnection.OpenAsync(hbs.RpcAddress);

        var strategies = await client.CallAsync("""{"method":"Hbs.GetOneEndStrategies","params":[{"endpoint":"web-01"}],"id":0}""");
        var services = await client.CallAsync("""{"method":"Agent.SyncServiceNames","params":[{"Hostname":"web-01"}],"id":1}""");
        var unions = await client.CallAsync("""{"method":"Hbs.GetUnionStrategies","params":[{}],"id":2}""");

        Assert.Multiple(() =>
        {
            var served = Result(strategies).GetProperty("strategies").EnumerateArray().ToList();
            Assert.That(served.Select(s => s.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 1000L, 1001L }));
            Assert.That(served.Select(s => s.TryGetProperty("union_strategy_id", out _)), Is.All.False, "no union: the upstream shape");
            Assert.That(services, Is.EqualTo("""{"id":1,"result":{"code":2,"args":""},"error":null}"""));
            Assert.That(unions, Is.EqualTo("""{"id":2,"result":{"union_strategies_map":{}},"error":null}"""));
        });
    }

    private static JsonElement Result(string reply)
    {
        using var document = JsonDocument.Parse(reply);
        Assert.That(document.RootElement.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null), reply);
        return document.RootElement.GetProperty("result").Clone();
    }

    private static string Prefix() => $"fork-rpc-{Guid.NewGuid():N}";

    // web-01 and web-02 (in maintenance) in group web, bound to template child (101) whose parent base (100) holds
    // cpu.idle; db-01 in group db with no template. Strategies 1000 and 1001 form union 3.
    private static async Task<PortalDatabase> SeededAsync()
    {
        var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync($"INSERT INTO host (id, hostname, ip, maintain_begin, maintain_end) VALUES (1, 'web-01', '10.0.0.7', 0, 0), (2, 'web-02', '10.0.0.8', 0, {Forever}), (3, 'db-01', '10.0.0.9', 0, 0)");
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web'), (20, 'db')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1), (10, 2), (20, 3)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, parent_id, action_id) VALUES (100, 'base', 0, 7), (101, 'child', 100, 8)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 101)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1000, 'cpu.idle', 'core=all', 3, 0, 'all(#3)', '<', '10', 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (1001, 'mem.memfree.percent', '', 3, 1, 'all(#2)', '<', '5', 101)");
        await db.ExecuteAsync("UPDATE strategy SET union_strategy_id = 3 WHERE id IN (1000, 1001)");
        await db.ExecuteAsync("INSERT INTO union_strategy (id, strategy_ids) VALUES (3, '1001,1000'), (4, '1000,999')");
        await db.ExecuteAsync("INSERT INTO grp_svs (grp_id, svs_name) VALUES (10, 'nginx'), (10, 'php-fpm'), (20, 'mysql')");
        await db.ExecuteAsync("INSERT INTO dynamic_config (endpoint, metrics, tag, intervals, status) VALUES ('web-01', 'disk.io.util', '', 15, 1), ('web-01', 'cpu.idle', '', 30, 1), ('web-01', 'mem.free', '', 10, 0)");
        return db;
    }
}
