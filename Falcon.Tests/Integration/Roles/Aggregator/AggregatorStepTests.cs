using Falcon.Roles.Aggregator.Compute;
using Falcon.Roles.Aggregator.Definitions;
using Falcon.Shared.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Falcon.Tests.Integration.Roles.Aggregator;

/// <summary>One step computed by the running role against real hbs, VictoriaMetrics, MySQL and Redis.</summary>
[Category("Integration")]
public sealed class AggregatorStepTests
{
    private static long AlignedPast(int seconds) => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - seconds;

    private static async Task<StepResult> ComputeAsync(AggregatorInstance aggregator, string key, long step)
    {
        var store = aggregator.Services.GetRequiredService<DefinitionStore>();
        var definition = await Poll.ForAsync(
            () => Task.FromResult(store.Current.Definitions.FirstOrDefault(d => d.Key == key)), d => d is not null, TimeSpan.FromSeconds(20));
        return await aggregator.Services.GetRequiredService<StepComputer>().ComputeAsync(definition!, step, CancellationToken.None);
    }

    private static double Value(StepResult result, string method) =>
        result.Points.Single(p => TagSet.Parse(p.Tags).TryGetValue("method", out var m) && m == method).Value.Number;

    [Test]
    public async Task CounterThatResetsMidWindow_IsSummedAndAveragedAsRates_WithoutASpike()
    {
        var t0 = AlignedPast(120);
        await using var f = await AggregatorFixture.StartAsync((db, group) => db.ExecuteAsync(
            "INSERT INTO falcon_aggregate (id, name, target_kind, target, counter, methods, step, series_step) VALUES (1, @g, 'falcon_group', @g, 'net.bytes', 'sum,avg,max,min,count,p50', 30, 10)", ("@g", group)));

        // 10 s counters: h1 +100 per 10 s (10/s), h2 +200 per 10 s with a restart at t0-10 (20/s), h3 +300 (30/s).
        var points = new List<(string, string, CounterType, long, double)>();
        for (var t = t0 - 90; t <= t0; t += 10)
        {
            var i = (t - (t0 - 90)) / 10;
            points.Add((f.Host(1), "net.bytes", CounterType.Counter, t, 1_000 + (100 * i)));
            points.Add((f.Host(2), "net.bytes", CounterType.Counter, t, t < t0 - 10 ? 5_000 + (200 * i) : 200 * ((t - (t0 - 20)) / 10)));
            points.Add((f.Host(3), "net.bytes", CounterType.Counter, t, 300 * i));
        }

        await f.WriteAsync(points);
        await using var aggregator = await f.StartAggregatorAsync("aggregator.tickInterval=00:01:00");

        var result = await ComputeAsync(aggregator, "aggregate:1", t0);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Value(result, "sum"), Is.EqualTo(60).Within(0.01));
            Assert.That(Value(result, "avg"), Is.EqualTo(20).Within(0.01));
            Assert.That(Value(result, "max"), Is.EqualTo(30).Within(0.01));
            Assert.That(Value(result, "min"), Is.EqualTo(10).Within(0.01));
            Assert.That(Value(result, "p50"), Is.EqualTo(20).Within(0.01));
            Assert.That(Value(result, "count"), Is.EqualTo(3));
            Assert.That(result.Points.Select(p => p.Endpoint).Distinct(), Is.EqualTo(new[] { $"falcon_group_poly_{f.Group}" }));
            Assert.That(result.Points.All(p => p.Timestamp == t0), Is.True, "every point carries the step-aligned time");
            Assert.That(result.Contributed, Is.EqualTo(3));
            Assert.That(result.TargetHosts, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task SixtyAndTenSecondGauges_InAThirtySecondStep_CountEachHostOnceInEveryWindow()
    {
        var t0 = AlignedPast(180);
        await using var f = await AggregatorFixture.StartAsync((db, group) => db.ExecuteAsync(
            "INSERT INTO falcon_aggregate (id, name, target_kind, target, counter, methods, step, series_step) VALUES (2, @g, 'falcon_group', @g, 'load.x', 'sum,count', 30, 60)", ("@g", group)));

        // h1 reports every 60 s (5), h2 every 10 s (7); h3 never.
        var points = new List<(string, string, CounterType, long, double)>();
        for (var t = t0 - 240; t <= t0 + 60; t += 10)
        {
            if (t % 60 == 0)
            {
                points.Add((f.Host(1), "load.x", CounterType.Gauge, t, 5));
            }

            points.Add((f.Host(2), "load.x", CounterType.Gauge, t, 7));
        }

        await f.WriteAsync(points);
        await using var aggregator = await f.StartAggregatorAsync("aggregator.tickInterval=00:01:00");

        foreach (var step in new[] { t0 - 60, t0 - 30, t0, t0 + 30, t0 + 60 })
        {
            var result = await ComputeAsync(aggregator, "aggregate:2", step);
            Assert.That((Value(result, "sum"), Value(result, "count")), Is.EqualTo((12.0, 2.0)), $"window ending {step - t0:+0;-0} s from t0");
            Assert.That((result.Contributed, result.TargetHosts, result.Missing), Is.EqualTo((2, 3, 1)), "h3 has no value: left out and counted");
        }
    }

    [Test]
    public async Task ClusterRow_AveragesOverTheGroupById_LeavingOutHostsInMaintenance()
    {
        var t0 = AlignedPast(120);
        await using var f = await AggregatorFixture.StartAsync((db, group) => db.ExecuteAsync(
            $"INSERT INTO cluster (id, grp_id, numerator, denominator, endpoint, metric, tags, ds_type, step, creator) VALUES (3, {AggregatorFixture.GroupId}, '$(cpu.x)', '$#', @e, 'cpu.x.avg', 'svc=web', 'GAUGE', 30, 'root')",
            ("@e", group + "-cluster")));
        await f.WriteAsync([
            (f.Host(1), "cpu.x", CounterType.Gauge, t0 - 10, 90),
            (f.Host(2), "cpu.x", CounterType.Gauge, t0 - 10, 60),
            (f.Host(3), "cpu.x", CounterType.Gauge, t0 - 10, 0), // in maintenance: not counted
        ]);
        await using var aggregator = await f.StartAggregatorAsync("aggregator.tickInterval=00:01:00");

        var result = await ComputeAsync(aggregator, "cluster:3", t0);

        var value = result.Points.Single(p => p.Metric == "cpu.x.avg");
        Assert.That((value.Endpoint, value.Tags, value.Value.Number, value.Timestamp), Is.EqualTo((f.Group + "-cluster", "svc=web", 75.0, t0)));
        Assert.That((result.Contributed, result.TargetHosts), Is.EqualTo((2, 2)));
        Assert.That(result.Points.Single(p => p.Metric == "cpu.x.avg" + StepComputer.ContributedSuffix).Value.Number, Is.EqualTo(2));
    }
}
