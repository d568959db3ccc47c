using System.Globalization;
using System.Text;
using System.Text.Json;
using Falcon.Tests.Integration.Roles.Hbs;
using Falcon.Tests.Integration.Shared.Portal;

namespace Falcon.Tests.Integration.Roles.Judge;

/// <summary>The stack from MySQL to Redis: a strategy in falcon_portal, points through transfer, events on event:pN.</summary>
[Category("Integration")]
public sealed class JudgeRoleTests
{
    // Whole minutes an hour back: the step rule leaves them as they are, and minInterval (300 s, measured from an
    // event's point time) has always passed, so repeats depend only on maxStep and fresh windows.
    private static readonly long T0 = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 3600;

    [Test]
    public async Task StrategyInMySql_FiresThroughTransfer_RepeatsUpToMaxStep_AndSendsOkOnRecovery()
    {
        var redis = await TestServers.RedisAsync();
        var host = Name("web");
        await using var db = await SeededDatabaseAsync(host, maxStep: 3);
        await using var hbs = await HbsInstance.StartAsync(db, redis, Name("hbs"));
        var pattern = Name("ev") + ":event:p%v";
        await using var stack = await JudgeInstance.StartWithTransferAsync(redis, hbs.RpcAddress, pattern, (await TestServers.VictoriaMetricsAsync()).WriteUrl);
        await stack.RulesSyncedAsync(host, "cpu.busy");

        // Twelve points over the threshold: windows 1-3, 4-6 and 7-9 each raise a PROBLEM; 10-12 would be a fourth,
        // which maxStep 3 forbids. The thirteenth point recovers.
        using var agent = await GoClientConnection.OpenAsync(stack.TransferRpcAddress);
        var values = Enumerable.Repeat(95.0, 12).Append(20.0).ToArray();
        var reply = await agent.CallAsync(Update(host, values));
        Assert.That(reply, Does.Contain("\"Total\":13"));

        var events = await Poll.ForAsync(() => JudgeInstance.EventsAsync(redis, pattern, 2), e => e.Any(IsOk), TimeSpan.FromSeconds(30));
        var parsed = events.Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Select(e => e.GetProperty("status").GetString()), Is.EqualTo(new[] { "PROBLEM", "PROBLEM", "PROBLEM", "OK" }));
            Assert.That(parsed.Select(e => e.GetProperty("currentStep").GetInt32()), Is.EqualTo(new[] { 1, 2, 3, 1 }));
            Assert.That(parsed.Select(e => e.GetProperty("eventTime").GetInt64()), Is.EqualTo(new[] { T0 + 120, T0 + 300, T0 + 480, T0 + 720 }));
            Assert.That(parsed.Select(e => e.GetProperty("leftValue").GetDouble()), Is.EqualTo(new[] { 95.0, 95.0, 95.0, 20.0 }));
            Assert.That(parsed.Select(e => e.GetProperty("id").GetString()).Distinct().Single(), Does.StartWith("s_2000_"));
            Assert.That(parsed[0].GetProperty("endpoint").GetString(), Is.EqualTo(host));
            Assert.That(parsed[0].GetProperty("strategy").GetProperty("func").GetString(), Is.EqualTo("all(#3)"));
            Assert.That(parsed[0].GetProperty("strategy").GetProperty("tpl").GetProperty("actionId").GetInt64(), Is.EqualTo(7));
            Assert.That(parsed[0].GetProperty("expression").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task JudgeRestartedBetweenProblemAndRecovery_NeitherRepeatsTheProblem_NorForgetsTheOk()
    {
        var redis = await TestServers.RedisAsync();
        var host = Name("db");
        await using var db = await SeededDatabaseAsync(host, maxStep: 1);
        await using var hbs = await HbsInstance.StartAsync(db, redis, Name("hbs"));
        var pattern = Name("ev") + ":event:p%v";
        var tsdb = (await TestServers.VictoriaMetricsAsync()).WriteUrl;

        var first = await JudgeInstance.StartWithTransferAsync(redis, hbs.RpcAddress, pattern, tsdb);
        await first.RulesSyncedAsync(host, "cpu.busy");
        using (var agent = await GoClientConnection.OpenAsync(first.TransferRpcAddress))
        {
            await agent.CallAsync(Update(host, [95, 96, 97]));
        }

        await Poll.ForAsync(() => JudgeInstance.EventsAsync(redis, pattern, 2), e => e.Count == 1, TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        await using var second = await JudgeInstance.StartWithTransferAsync(redis, hbs.RpcAddress, pattern, tsdb);
        await second.RulesSyncedAsync(host, "cpu.busy");
        using (var agent = await GoClientConnection.OpenAsync(second.TransferRpcAddress))
        {
            // Still over (a fresh judge would raise a new PROBLEM), then recovered twice (one OK only), then over again
            // (a new PROBLEM, which also shows everything before it was judged).
            await agent.CallAsync(Update(host, [98, 99, 97, 10, 11, 95, 95, 95], firstIndex: 3));
        }

        var events = await Poll.ForAsync(() => JudgeInstance.EventsAsync(redis, pattern, 2), e => e.Count >= 3, TimeSpan.FromSeconds(30));
        var statuses = events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("status").GetString());
        Assert.That(statuses, Is.EqualTo(new[] { "PROBLEM", "OK", "PROBLEM" }));
    }

    private static bool IsOk(string judgeEvent) => judgeEvent.Contains("\"status\":\"OK\"", StringComparison.Ordinal);

    internal static string Update(string host, IReadOnlyList<double> values, int firstIndex = 0)
    {
        var items = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            items.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"metric":"cpu.busy","endpoint":"{{host}}","timestamp":{{T0 + ((firstIndex + i) * 60)}},"step":60,"value":{{values[i]}},"counterType":"GAUGE","tags":""}""");
        }

        return $$"""{"method":"Transfer.Update","params":[[{{items}}]],"id":0}""";
    }

    internal static async Task<PortalDatabase> SeededDatabaseAsync(string host, int maxStep)
    {
        var db = await PortalDatabase.CreateAsync();
        await db.ExecuteAsync("INSERT INTO host (id, hostname, ip) VALUES (1, @h, '10.0.0.7')", ("@h", host));
        await db.ExecuteAsync("INSERT INTO grp (id, grp_name) VALUES (10, 'web')");
        await db.ExecuteAsync("INSERT INTO grp_host (grp_id, host_id) VALUES (10, 1)");
        await db.ExecuteAsync("INSERT INTO tpl (id, tpl_name, action_id) VALUES (100, 'base', 7)");
        await db.ExecuteAsync("INSERT INTO grp_tpl (grp_id, tpl_id) VALUES (10, 100)");
        await db.ExecuteAsync(
            "INSERT INTO strategy (id, metric, tags, max_step, priority, func, op, right_value, tpl_id) VALUES (2000, 'cpu.busy', '', @m, 2, 'all(#3)', '>', '90', 100)",
            ("@m", maxStep));
        return db;
    }

    internal static string Name(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
