using System.Globalization;
using Falcon.Shared.Model;
using Falcon.Tests.Integration.Hosting;
using Falcon.Tests.Integration.Roles.Transfer;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Aggregator;

/// <summary>Three `falcon run --role aggregator` processes sharing the definitions; one killed with SIGKILL.</summary>
[Category("Integration")]
public sealed class AggregatorSigkillTests
{
    private const int Definitions = 6;
    private const int Step = 5;

    [Test]
    public async Task OneOfThreeKilled_EveryDefinitionIsComputedEveryStep_AndNoStepTwiceWithDifferentValues()
    {
        await using var f = await AggregatorFixture.StartAsync(
            async (db, group) =>
            {
                for (var i = 1; i <= Definitions; i++)
                {
                    await db.ExecuteAsync(
                        $"INSERT INTO falcon_aggregate (id, name, target_kind, target, counter, methods, endpoint, step, series_step) VALUES ({i}, @g, 'falcon_group', @g, 'load.k', 'sum', @e, {Step}, {Step})",
                        ("@g", group), ("@e", $"{group}-out-{i}"));
                }
            },
            $"transfer.minStep={Step}");

        // Every host reports 1 every 5 s from 90 s ago to 150 s ahead: each step's sum is 3.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / Step * Step;
        var points = new List<(string, string, CounterType, long, double)>();
        for (var t = now - 90; t <= now + 150; t += Step)
        {
            points.AddRange(Enumerable.Range(1, 3).Select(h => (f.Host(h), "load.k", CounterType.Gauge, t, 1.0)));
        }

        await f.WriteAsync(points);
        var processes = Enumerable.Range(0, 3).Select(i => Start(f, i)).ToArray();
        try
        {
            var redis = await ConnectionMultiplexer.ConnectAsync(f.Redis.Connection);
            await using (redis)
            {
                await Poll.UntilAsync(async () => await redis.GetDatabase().SortedSetLengthAsync($"{f.Prefix}:instances") == 3, TimeSpan.FromSeconds(60), "three instances registered");
            }

            // The catch-up period (60 s) reaches back from when each instance started: 45 s before all three ran is inside it.
            var from = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 45) / Step * Step;
            await Task.Delay(TimeSpan.FromSeconds(8));
            processes[0].Falcon.Process.Kill(); // SIGKILL: no deregistration, claims left to expire
            await processes[0].Falcon.Process.WaitForExitAsync();
            await Task.Delay(TimeSpan.FromSeconds(25));
            var last = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3) / Step * Step;
            await f.Transfer.WrittenAsync();

            // Steps from the catch-up period before the first start to just now, every one of them.
            var expected = Enumerable.Range(0, (int)((last - from) / Step) + 1).Select(i => from + (i * Step)).ToArray();
            var selector = $"{{endpoint=~\"{f.Prefix}-out-.*\",method=\"sum\"}}";
            bool Complete(Dictionary<string, List<string>> e) =>
                e.Count == Definitions && e.Values.All(samples => expected.All(t => samples.Any(s => s.StartsWith($"{t}=", StringComparison.Ordinal))));
            await Poll.UntilAsync(async () => Complete(await TsdbExport.ReadAsync(f.Tsdb, selector)), TimeSpan.FromSeconds(45), "every step of every definition in the TSDB", TimeSpan.FromSeconds(1))
                .ContinueWith(static _ => { }, TaskScheduler.Default);
            var export = await TsdbExport.ReadAsync(f.Tsdb, selector);
            var output = string.Join("\n---\n", processes.Select(p => p.Output.ToString()));
            Assert.That(export.Keys, Has.Count.EqualTo(Definitions), $"one result series per definition; steps {from}..{last}\n{output}");
            var fences = await FencesAsync(f, expected);
            output = fences + "\n" + output;
            foreach (var (series, samples) in export)
            {
                var byTime = samples.GroupBy(static s => s.Split('=')[0]).ToDictionary(static g => g.Key, static g => g.ToArray());
                Assert.That(expected.Where(t => !byTime.ContainsKey(t.ToString(CultureInfo.InvariantCulture))), Is.Empty, $"{series}: steps never pushed\n{output}");
                Assert.That(samples.Select(static s => s.Split('=')[1]).Distinct(), Is.EqualTo(new[] { "3" }), $"{series}: every step's sum is 3");

                // A step whose owner died after pushing and before fencing is pushed again, as the identical point.
                Assert.That(byTime.Values.Count(static v => v.Length > 1), Is.LessThanOrEqualTo(1), $"{series}: repeats {string.Join(' ', byTime.Where(static p => p.Value.Length > 1).Select(static p => p.Key))}");
            }
        }
        finally
        {
            foreach (var (falcon, _) in processes)
            {
                falcon.Dispose();
            }
        }
    }

    // The fence of each definition's last steps, for the failure message.
    private static async Task<string> FencesAsync(AggregatorFixture f, long[] steps)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(f.Redis.Connection);
        var lines = new List<string>();
        for (var i = 1; i <= Definitions; i++)
        {
            foreach (var step in steps.TakeLast(4))
            {
                lines.Add($"aggregate:{i} {step}: {await redis.GetDatabase().StringGetAsync($"{{{f.Prefix}:aggregate:{i}}}:step:{step}")}");
            }
        }

        var instances = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync($"{f.Prefix}:instances");
        return string.Join('\n', lines) + "\ninstances: " + string.Join(", ", instances.Select(static e => $"{e.Element}@{e.Score}")) + $" now {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}";
    }

    private static (ProcessShutdownTests.FalconProcess Falcon, System.Text.StringBuilder Output) Start(AggregatorFixture f, int index)
    {
        var settings = f.AggregatorSettings(
            $"aggregator.httpListen=127.0.0.1:{Servers.ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}",
            "aggregator.catchUp=00:01:00",
            "aggregator.claimTtl=00:00:10",
            "aggregator.pushTimeout=00:00:02",
            $"aggregator.instanceId={f.Prefix}-{index.ToString(CultureInfo.InvariantCulture)}");
        var falcon = ProcessShutdownTests.StartFalcon(["run", "--role", "aggregator", .. settings.SelectMany(static s => new[] { "--set", s })]);
        return (falcon, ProcessShutdownTests.Capture(falcon.Process));
    }
}
