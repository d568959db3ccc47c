using System.Text.Json;
using Falcon.Roles.Judge.Judging;
using Falcon.Roles.Transfer.Judges;
using Falcon.Shared.Hashing;
using Falcon.Shared.Model;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Roles.Transfer;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Judge;

/// <summary>Transfer feeding separate judge processes over Falcon's judge protocol (`transfer.judges`).</summary>
[Category("Integration")]
public sealed class TransferToJudgeTests
{
    [Test]
    public async Task TwoJudges_SplitTheSeriesByConsistentHash_AndOnlyMetricsInUseAreSent()
    {
        var redis = await TestServers.RedisAsync();
        var hosts = Enumerable.Range(0, 24).Select(i => JudgeRoleTests.Name($"h{i:00}")).ToArray();
        await using var db = await SeededDatabaseAsync(hosts);
        await using var hbs = await HbsInstance.StartAsync(db, redis, JudgeRoleTests.Name("hbs"));
        // Each judge pushes its events to its own queues, so an event tells which judge judged the series.
        await using var a = await JudgeInstance.StartAsync(redis, hbs.RpcAddress, JudgeRoleTests.Name("ev-a") + ":event:p%v");
        await using var b = await JudgeInstance.StartAsync(redis, hbs.RpcAddress, JudgeRoleTests.Name("ev-b") + ":event:p%v");
        await a.RulesSyncedAsync(hosts[0], "cpu.busy");
        await b.RulesSyncedAsync(hosts[0], "cpu.busy");
        await using var transfer = await TransferInstance.StartAsync(
            (await TestServers.VictoriaMetricsAsync()).WriteUrl,
            $"transfer.judges.judge-00={a.RpcAddress}",
            $"transfer.judges.judge-01={b.RpcAddress}",
            "transfer.judgeMetricsRefresh=00:00:00.200");
        var sink = transfer.Services.GetRequiredService<JudgeSink>();
        await Poll.UntilAsync(() => Task.FromResult(sink.Nodes.Values.All(n => !n.Wants("mem.unused"))), TimeSpan.FromSeconds(30), "both judges said which metrics they use");

        using var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress);
        foreach (var host in hosts)
        {
            await agent.CallAsync(JudgeRoleTests.Update(host, [95, 96, 97]));
            await agent.CallAsync(JudgeRoleTests.Update(host, [1]).Replace("cpu.busy", "mem.unused", StringComparison.Ordinal));
        }

        await Poll.UntilAsync(() => Task.FromResult(a.Engine.SeriesCount + b.Engine.SeriesCount == hosts.Length), TimeSpan.FromSeconds(30), "every series reached a judge");
        var endpointsOf = new Dictionary<JudgeInstance, List<string>>();
        foreach (var judge in new[] { a, b })
        {
            // Three points over 90 on all(#3): the judge holding a series raises exactly one PROBLEM for it.
            var events = await Poll.ForAsync(() => JudgeInstance.EventsAsync(redis, judge.QueuePattern, 2), e => e.Count == judge.Engine.SeriesCount, TimeSpan.FromSeconds(30));
            endpointsOf[judge] = [.. events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("endpoint").GetString()!)];
        }

        var ring = new ConsistentHashRing(["judge-00", "judge-01"]);
        var owners = hosts.ToDictionary(h => h, h => ring.GetNode(SeriesKey.Of(h, "cpu.busy", TagSet.Empty)));
        Assert.Multiple(() =>
        {
            Assert.That(owners.Values.Distinct().Count(), Is.EqualTo(2), "24 series should land on both judges");
            foreach (var (host, owner) in owners)
            {
                var (owning, other) = owner == "judge-00" ? (a, b) : (b, a);
                Assert.That(endpointsOf[owning], Does.Contain(host), $"{host} on {owner}");
                Assert.That(endpointsOf[other], Does.Not.Contain(host), $"{host} only on {owner}");
            }

            // Transfer told each judge its place on the ring, so each judge's nodata fills its own series only.
            Assert.That(a.Services.GetRequiredService<JudgeLanes>().Share?.Node, Is.EqualTo("judge-00"));
            Assert.That(b.Services.GetRequiredService<JudgeLanes>().Share?.Node, Is.EqualTo("judge-01"));
            Assert.That(b.Services.GetRequiredService<JudgeLanes>().Share?.Nodes, Is.EqualTo(new[] { "judge-00", "judge-01" }));

            // mem.unused is on no rule: transfer kept it, so neither judge saw it (a judge would have filtered it anyway,
            // without a series, so the judges' series count above already covers it; this checks transfer's side).
            Assert.That(sink.Nodes.Values.Sum(n => n.Pending), Is.Zero);
        });
    }

    [Test]
    public async Task AJudgeThatIsDown_GetsItsShareWhenItComesBack_AndIngestIsNeverRefused()
    {
        var redis = await TestServers.RedisAsync();
        var host = JudgeRoleTests.Name("late");
        await using var db = await SeededDatabaseAsync([host]);
        await using var hbs = await HbsInstance.StartAsync(db, redis, JudgeRoleTests.Name("hbs"));
        var pattern = JudgeRoleTests.Name("ev") + ":event:p%v";
        var port = ServerProcess.FreePort();
        await using var transfer = await TransferInstance.StartAsync(
            (await TestServers.VictoriaMetricsAsync()).WriteUrl,
            $"transfer.judges.judge-00=127.0.0.1:{port}");
        var node = transfer.Services.GetRequiredService<JudgeSink>().Nodes["judge-00"];

        using (var agent = await GoClientConnection.OpenAsync(transfer.RpcAddress))
        {
            var reply = await agent.CallAsync(JudgeRoleTests.Update(host, [95, 96, 97]));
            Assert.That(reply, Does.Contain("\"Message\":\"ok\""));
        }

        // Held by the node (in its queue or in the batch its sender retries), not lost and not refused.
        Assert.That(await Poll.ForAsync(() => Task.FromResult(node.Pending), p => p == 3), Is.EqualTo(3));

        await using var judge = await JudgeInstance.StartAsync(redis, hbs.RpcAddress, pattern, $"judge.rpcListen=127.0.0.1:{port}");
        var events = await Poll.ForAsync(() => JudgeInstance.EventsAsync(redis, pattern, 2), e => e.Count == 1, TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(events.Single(), Does.Contain("\"status\":\"PROBLEM\"").And.Contain(host));
            Assert.That(node.Pending, Is.Zero);
        });
    }

    private static async Task<PortalDatabase> SeededDatabaseAsync(string[] hosts)
    {
        var db = await PortalDatabase.CreateAsync();
        for (var i = 0; i < hosts.Length; i++)
        {
            await db.ExecuteAsync("INSERT INTO host (id, hostname, ip) VALUES (@id, @h, '10.0.0.7')", ("@id", i + 1), ("@h", hosts[i]));
            await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, @id)", ("@id", i + 1));
        }

        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 7)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync("INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (2000, 'cpu.busy', '', 3, 2, 'all(#3)', '>', '90', 100)");
        return db;
    }
}
