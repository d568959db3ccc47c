using Falcon.Shared.Model;
using Falcon.Tests.Cli;

namespace Falcon.Tests.Integration.Roles.Aggregator;

/// <summary>`falcon aggregate list|preview` against a running aggregator.</summary>
[Category("Integration")]
public sealed class AggregateCliTests
{
    [Test]
    public async Task PreviewAndList_ShowTheComputedValuesAndCoverage()
    {
        var t0 = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) - 60;
        await using var f = await AggregatorFixture.StartAsync((db, group) => db.ExecuteAsync(
            "INSERT INTO falcon_aggregate (id, name, target_kind, target, counter, methods, step, series_step) VALUES (4, @g, 'falcon_group', @g, 'mem.y', 'sum,p90', 30, 60)", ("@g", group)));
        var points = new List<(string, string, CounterType, long, double)>();
        for (var t = t0 - 120; t <= t0 + 240; t += 30)
        {
            points.Add((f.Host(1), "mem.y", CounterType.Gauge, t, 2));
            points.Add((f.Host(2), "mem.y", CounterType.Gauge, t, 3));
        }

        await f.WriteAsync(points);
        await using var aggregator = await f.StartAggregatorAsync("aggregator.tickInterval=00:01:00");
        var url = aggregator.HttpAddress.ToString();

        var (code, output, error) = await Poll.ForAsync(() => FalconCliTests.InvokeAsync("aggregate", "preview", "aggregate:4", "--url", url), r => r.Code == 0, TimeSpan.FromSeconds(20));
        var (adHocCode, adHoc, adHocError) = await FalconCliTests.InvokeAsync("aggregate", "preview", "--counter", "mem.y", "--group", f.Group, "--methods", "avg", "--step", "30", "--url", url);
        var (unknownCode, _, unknownError) = await FalconCliTests.InvokeAsync("aggregate", "preview", "aggregate:999", "--url", url);
        var (listCode, list, _) = await FalconCliTests.InvokeAsync("aggregate", "list", "--url", url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain($"falcon_group_poly_{f.Group} mem.y/method=sum = 5").And.Contain("method=p90 = 3").And.Contain("2/3 hosts"));
            Assert.That(output, Does.Contain("mem.y.coverage.contributed = 2").And.Contain("mem.y.coverage.target = 3"));
            Assert.That(adHocCode, Is.Zero, adHocError);
            Assert.That(adHoc, Does.Contain("mem.y/method=avg = 2.5"));
            Assert.That(unknownCode, Is.EqualTo(1));
            Assert.That(unknownError, Does.Contain("no definition 'aggregate:999'"));
            Assert.That(listCode, Is.Zero);
            Assert.That(list, Does.Contain("aggregate:4"), "the only instance owns every definition");
        }
    }
}
