using System.Globalization;
using System.Text.Json;
using Falcon.Roles.Aggregator.Output;
using Falcon.Roles.Judge.Sync;
using Falcon.Shared.Model;
using Falcon.Tests.Integration.Roles.Judge;
using Falcon.Tests.Integration.Roles.Transfer;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Aggregator;

/// <summary>An aggregate result reaches the TSDB through transfer, and a judge strategy on the aggregate fires.</summary>
[Category("Integration")]
public sealed class AggregatorToJudgeTests
{
    private const int Step = 10;
    private const double PerHost = 30; // three hosts: every step's sum is 90

    [Test]
    public async Task OverTransferUpdate_TheSumIsWrittenAndAStrategyOnItRaisesAProblem()
    {
        var judgePort = ServerProcess.FreePort();
        await using var f = await AggregatorFixture.StartAsync(
            SeedAsync, $"transfer.minStep={Step}", $"transfer.judges.judge-00=127.0.0.1:{judgePort}", "transfer.judgeMetricsRefresh=00:00:00.200");
        var pattern = f.Prefix + ":event:p%v";
        await using var judge = await JudgeInstance.StartAsync(f.Redis, f.Hbs.RpcAddress, pattern, $"judge.rpcListen=127.0.0.1:{judgePort}");
        await RulesSyncedAsync(judge.Services, Output(f));
        await WriteSourcesAsync(f);

        await using var aggregator = await f.StartAggregatorAsync();

        Assert.That(aggregator.Services.GetRequiredService<TransferPusher>().Destination, Is.EqualTo(f.Transfer.RpcAddress));
        await AssertWrittenAndJudgedAsync(f, pattern);
    }

    [Test]
    public async Task InOneProcessWithTransferAndJudge_ResultsGoInMemory_ToTheTsdbAndTheJudge()
    {
        await using var f = await AggregatorFixture.StartAsync(SeedAsync);
        await WriteSourcesAsync(f);
        var pattern = f.Prefix + ":event:p%v";

        await using var all = await AggregatorInstance.StartWithTransferAndJudgeAsync(
            f.Database, f.Redis, f.Tsdb, f.Hbs.HttpAddress, f.Hbs.RpcAddress, f.Prefix, pattern, $"transfer.minStep={Step}");

        // No aggregator.transfer: the transfer of this process, not the fixture's (nor the default 127.0.0.1:8433).
        Assert.That(all.Services.GetRequiredService<TransferPusher>().Destination, Is.EqualTo("in-process"));
        await RulesSyncedAsync(all.Services, Output(f));
        await AssertWrittenAndJudgedAsync(f, pattern);
    }

    private static string Output(AggregatorFixture f) => f.Prefix + "-out";

    // One aggregate over the fixture's group, written to its own endpoint; that endpoint is a host of another group
    // whose template holds a strategy on the aggregate: sum over 80 on the first point.
    private static async Task SeedAsync(PortalDatabase db, string group)
    {
        await db.ExecuteAsync(
            $"INSERT INTO falcon_aggregate (id, name, target_kind, target, counter, methods, endpoint, step, series_step) VALUES (1, @g, 'falcon_group', @g, 'load.j', 'sum', @e, {Step}, {Step})",
            ("@g", group), ("@e", group + "-out"));
        await db.ExecuteAsync("INSERT INTO host (id, hostname, ip) VALUES (10, @e, '10.0.0.10')", ("@e", group + "-out"));
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name, create_user) VALUES (8, @g, 'root')", ("@g", group + "-outputs"));
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (8, 10)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'aggregates', 7)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (8, 100)");
        await db.ExecuteAsync(
            "INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (3000, 'load.j', 'method=sum', 1, 2, 'all(#1)', '>', '80', 100)");
    }

    // Each host reports 30 every 10 s from 5 minutes ago to 3 minutes ahead, so every step the aggregator computes has it.
    private static Task WriteSourcesAsync(AggregatorFixture f)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / Step * Step;
        var points = new List<(string, string, CounterType, long, double)>();
        for (var t = now - 300; t <= now + 180; t += Step)
        {
            points.AddRange(Enumerable.Range(1, 3).Select(h => (f.Host(h), "load.j", CounterType.Gauge, t, PerHost)));
        }

        return f.WriteAsync(points);
    }

    private static Task RulesSyncedAsync(IServiceProvider services, string endpoint) =>
        Poll.UntilAsync(
            () => Task.FromResult(services.GetRequiredService<RuleSync>().Current.Strategies.Match(endpoint, "load.j", TagSet.Parse("method=sum")).Count > 0),
            TimeSpan.FromSeconds(30),
            "the judge has the strategy on the aggregate from hbs");

    private static async Task AssertWrittenAndJudgedAsync(AggregatorFixture f, string pattern)
    {
        var output = Output(f);
        var events = await Poll.ForAsync(() => JudgeInstance.EventsAsync(f.Redis, pattern, 2), e => e.Count > 0, TimeSpan.FromSeconds(60));
        var problem = JsonDocument.Parse(events[0]).RootElement;
        Assert.That(
            (problem.GetProperty("endpoint").GetString(), problem.GetProperty("status").GetString(), problem.GetProperty("leftValue").GetDouble()),
            Is.EqualTo((output, "PROBLEM", 3 * PerHost)),
            events[0]);

        var selector = $"{{endpoint=\"{output}\",method=\"sum\"}}";
        var written = await Poll.ForAsync(() => TsdbExport.ReadAsync(f.Tsdb, selector), s => s.Count == 1, TimeSpan.FromSeconds(30));
        var samples = written.Single().Value;
        Assert.That(samples, Is.Not.Empty);
        Assert.That(samples.Select(static s => s.Split('=')[1]).Distinct(), Is.EqualTo(new[] { (3 * PerHost).ToString(CultureInfo.InvariantCulture) }));
        Assert.That(samples.All(static s => long.Parse(s.Split('=')[0], CultureInfo.InvariantCulture) % Step == 0), Is.True, "step-aligned timestamps");
    }
}
