using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Push;
using Falcon.Roles.Agent.Scheduling;
using Falcon.Shared.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Agent.Scheduling;

public sealed class CollectorSchedulerTests
{
    // A multiple of 120, so every tier has a tick here.
    private const long Base = 1_700_000_040;

    private FakeTimeProvider _time = null!;
    private TestMeterFactory _meters = null!;
    private AgentMetrics _metrics = null!;
    private PushBuffer _buffer = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Base + 5));
        _meters = new TestMeterFactory();
        _metrics = new AgentMetrics(_meters);
        _buffer = new PushBuffer(10_000, _metrics);
    }

    [TearDown]
    public void TearDown() => _meters.Dispose();

    [Test]
    public async Task EachTier_RunsOnWallClockTicks_WithTheTierAsStepAndTheTickAsTimestamp()
    {
        var fast = TestCollector.Gauge("fast", 10);
        var slow = TestCollector.Gauge("slow", 30);
        using var scheduler = Scheduler([fast, slow]);
        await scheduler.StartAsync(CancellationToken.None);

        await AdvanceToAsync(Base + 30, () => fast.Passes == 3 && slow.Passes == 1);
        await scheduler.StopAsync(CancellationToken.None);

        var points = Drain();
        Assert.That(points.Select(p => $"{p.Endpoint} {p.Metric} {p.Step} {p.Timestamp} {p.CounterType}"), Is.EquivalentTo(new[]
        {
            $"web-01 fast.value 10 {Base + 10} GAUGE",
            $"web-01 fast.value 10 {Base + 20} GAUGE",
            $"web-01 fast.value 10 {Base + 30} GAUGE",
            $"web-01 slow.value 30 {Base + 30} GAUGE",
        }));
    }

    [Test]
    public async Task ConfiguredTier_OverridesTheCollectorsDefault_WhateverTheCaseOfItsName()
    {
        var moved = TestCollector.Gauge("moved", 10);
        using var scheduler = Scheduler([moved], o => o.Tiers = new Dictionary<string, int> { ["MOVED"] = 60 });
        await scheduler.StartAsync(CancellationToken.None);

        await AdvanceToAsync(Base + 60, () => moved.Passes == 1);
        await scheduler.StopAsync(CancellationToken.None);

        var point = Drain().Single();
        Assert.That((point.Step, point.Timestamp), Is.EqualTo((60L, Base + 60)));
    }

    [Test]
    public async Task ACollectorThatThrows_LosesOnlyItsOwnPass_AndIsCounted()
    {
        var good = TestCollector.Gauge("good", 10);
        var bad = new TestCollector("bad", 10, (writer, _) =>
        {
            writer.Gauge("bad.partial", 1);
            throw new InvalidOperationException("cannot read /proc/nothing");
        });
        using var scheduler = Scheduler([good, bad]);
        await scheduler.StartAsync(CancellationToken.None);

        await AdvanceToAsync(Base + 20, () => good.Passes == 2 && bad.Passes == 2);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Drain().Select(p => p.Metric), Is.EqualTo(new[] { "good.value", "good.value" }));
            Assert.That(_meters.Sum("falcon.agent.collector.failures", "collector", "bad"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ASlowCollector_DoesNotDelayOtherTiers_AndSkipsTheTicksItMissed()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = new TestCollector("stuck", 30, async (writer, _) =>
        {
            // Ignores its token, as a collector blocked in a read would.
            await release.Task;
            writer.Gauge("stuck.value", 1);
        });
        var fast = TestCollector.Gauge("fast", 10);
        using var scheduler = Scheduler([stuck, fast]);
        await scheduler.StartAsync(CancellationToken.None);

        await AdvanceToAsync(Base + 100, () => fast.Passes == 10);
        Assert.That(stuck.Passes, Is.EqualTo(1), "the stuck collector is still in its first pass");

        release.SetResult();
        await Poll.UntilAsync(() => Task.FromResult(_meters.Sum("falcon.agent.collector.skipped_ticks", "collector", "stuck") > 0));
        await AdvanceToAsync(Base + 120, () => stuck.Passes == 2);
        await scheduler.StopAsync(CancellationToken.None);

        var points = Drain();
        Assert.Multiple(() =>
        {
            Assert.That(points.Count(p => p.Metric == "fast.value"), Is.EqualTo(12));
            // The first pass ran past its 30 s deadline, so it counts as failed and its point is dropped.
            Assert.That(points.Where(p => p.Metric == "stuck.value").Select(p => p.Timestamp), Is.EqualTo(new[] { Base + 120 }));
            // Ticks at +60 and +90 were missed while the first pass (tick +30) hung until +100.
            Assert.That(_meters.Sum("falcon.agent.collector.skipped_ticks", "collector", "stuck"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task IgnoredMetrics_AreLeftOut_AndDefaultTagsAreAppended()
    {
        var collector = new TestCollector("mixed", 10, (writer, _) =>
        {
            writer.Gauge("kept", 1, "mount=/");
            writer.Counter("kept.counter", 5);
            writer.Gauge("noisy", 2);
            writer.Gauge("not.finite", double.NaN);
            return ValueTask.CompletedTask;
        });
        using var scheduler = Scheduler([collector], o =>
        {
            o.Ignore.Add("noisy");
            o.DefaultTags["idc"] = "bj";
            o.DefaultTags["app"] = "shop";
        });
        await scheduler.StartAsync(CancellationToken.None);

        await AdvanceToAsync(Base + 10, () => collector.Passes == 1);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.That(Drain().Select(p => $"{p.Metric}|{p.Tags}|{p.CounterType}"), Is.EqualTo(new[]
        {
            "kept|mount=/,app=shop,idc=bj|GAUGE",
            "kept.counter|app=shop,idc=bj|COUNTER",
        }));
    }

    private CollectorScheduler Scheduler(IEnumerable<ICollector> collectors, Action<AgentOptions>? configure = null)
    {
        var options = AgentTestOptions.Create(configure);
        return new CollectorScheduler(
            new AgentCollectors(collectors, []), _buffer, new DefaultTags(options.Value.DefaultTags), new AgentIdentity(options), _metrics, options, _time, NullLogger<CollectorScheduler>.Instance);
    }

    // Second by second, letting each woken pass finish before time moves on, as real time would.
    private async Task AdvanceToAsync(long unixSeconds, Func<bool> done)
    {
        while (_time.GetUtcNow().ToUnixTimeSeconds() < unixSeconds)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        await Poll.UntilAsync(() => Task.FromResult(done()), TimeSpan.FromSeconds(10), "collector passes");
    }

    private List<MetricValue> Drain()
    {
        var points = new List<MetricValue>();
        var sequence = _buffer.Peek(int.MaxValue, points);
        _buffer.Remove(sequence, points.Count);
        return points;
    }
}
