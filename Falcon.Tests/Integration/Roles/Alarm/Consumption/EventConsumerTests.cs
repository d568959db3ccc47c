using System.Text.Json;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Alarm.Consumption;

[Category("Integration")]
public sealed class EventConsumerTests
{
    private static JudgeEvent Numbered(int i, int priority = 0, string status = JudgeEventStatus.Problem, int step = 1) =>
        TestEvents.Strategy(id: $"s_12_{i:D32}", priority: priority, status: status, currentStep: step, eventTime: 1_700_000_000 + step);

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Consume_EventsOfEveryPriority_AreEachHandledOnceAndLeaveNothingInFlight(bool cluster)
    {
        await using var harness = await ConsumerHarness.CreateAsync(cluster);
        var events = Enumerable.Range(0, 700).Select(i => Numbered(i, priority: i % 7)).ToArray();
        await harness.PushAsync(events);
        var handler = new RecordingHandler();

        await harness.StartAsync(harness.Options("a"), handler);

        await Poll.UntilAsync(() => Task.FromResult(handler.Handled.Count >= 700), what: "all 700 events handled");
        await Poll.UntilAsync(async () => await harness.PendingAsync("a") == 0, what: "queues and in-flight lists empty");
        Assert.Multiple(() =>
        {
            Assert.That(handler.Handled.Select(static e => e.Event.Id), Is.EquivalentTo(events.Select(static e => e.Id)));
            Assert.That(handler.Handled.Where(static e => e.Event.Priority < 3).All(static e => e.IsHigh), Is.True);
            Assert.That(handler.Handled.Where(static e => e.Event.Priority >= 3).Any(static e => e.IsHigh), Is.False);
            Assert.That(handler.Handled.Any(static e => e.Recovered), Is.False);
            Assert.That(harness.Meters.Sum("falcon.alarm.events.handled"), Is.EqualTo(700));
            Assert.That(harness.Meters.Sum("falcon.alarm.events.handled", "queue", harness.Queue(6)), Is.EqualTo(100));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Consume_HighAndLowWaiting_TakesTheHighQueuesFirst(bool cluster)
    {
        await using var harness = await ConsumerHarness.CreateAsync(cluster);
        await harness.PushAsync([.. Enumerable.Range(0, 20).Select(i => Numbered(i, priority: 5))]);
        await harness.PushAsync([.. Enumerable.Range(100, 20).Select(i => Numbered(i, priority: 1))]);
        await harness.PushAsync([.. Enumerable.Range(200, 20).Select(i => Numbered(i, priority: 0))]);
        var handler = new RecordingHandler();

        await harness.StartAsync(harness.Options("a", o => { o.Workers = 1; o.BatchSize = 100; }), handler);

        await Poll.UntilAsync(() => Task.FromResult(handler.Handled.Count == 60), what: "60 events handled");
        Assert.That(handler.Handled.Select(static e => e.Event.Priority), Is.EqualTo(Enumerable.Repeat(0, 20).Concat(Enumerable.Repeat(1, 20)).Concat(Enumerable.Repeat(5, 20))));
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Consume_ProblemThenOkOfOneId_AreHandledInOrderAcrossWorkers(bool cluster)
    {
        await using var harness = await ConsumerHarness.CreateAsync(cluster);
        for (var step = 1; step <= 5; step++)
        {
            await harness.PushAsync([.. Enumerable.Range(0, 40).Select(i => Numbered(i, priority: 2, status: step == 5 ? JudgeEventStatus.Ok : JudgeEventStatus.Problem, step: step))]);
        }

        var handler = new RecordingHandler();
        await harness.StartAsync(harness.Options("a", o => { o.Workers = 8; o.BatchSize = 7; }), handler);

        await Poll.UntilAsync(() => Task.FromResult(handler.Handled.Count == 200), what: "200 events handled");
        foreach (var perId in handler.Handled.GroupBy(static e => e.Event.Id))
        {
            Assert.That(perId.Select(static e => e.Event.CurrentStep), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }), perId.Key);
        }
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Consume_MalformedEvents_GoToTheDeadLetterListWithTheReasonAndTheRestAreHandled(bool cluster)
    {
        await using var harness = await ConsumerHarness.CreateAsync(cluster);
        await harness.PushAsync(Numbered(1));
        await harness.PushRawAsync(0, "{not json");
        await harness.PushRawAsync(3, """{"id":"s_1","status":"MAYBE","endpoint":"h","strategy":{"id":1},"expression":null,"eventTime":1700000000}""");
        await harness.PushAsync(Numbered(2, priority: 3));
        var handler = new RecordingHandler();

        await harness.StartAsync(harness.Options("a"), handler);

        await Poll.UntilAsync(() => Task.FromResult(handler.Handled.Count == 2), what: "both good events handled");
        await Poll.UntilAsync(async () => await harness.PendingAsync("a") == 0, what: "nothing left in flight");
        var dead = (await harness.DeadLettersAsync()).Select(static d => JsonSerializer.Deserialize(d, ConsumptionJsonContext.Default.DeadLetter)!).OrderBy(static d => d.Queue).ToList();
        Assert.That(dead, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(dead[0].Queue, Is.EqualTo(harness.Queue(0)));
            Assert.That(dead[0].Event, Is.EqualTo("{not json"));
            Assert.That(dead[0].Reason, Does.StartWith("not an event in JSON"));
            Assert.That(dead[1].Queue, Is.EqualTo(harness.Queue(3)));
            Assert.That(dead[1].Reason, Does.Contain("neither PROBLEM nor OK"));
            Assert.That(dead[1].Instance, Is.EqualTo("a"));
            Assert.That(harness.Meters.Sum("falcon.alarm.events.dead_lettered"), Is.EqualTo(2));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Restart_AfterBatchesFailedUnacknowledged_TakesBackItsOwnInFlightEvents(bool cluster)
    {
        await using var harness = await ConsumerHarness.CreateAsync(cluster);
        var events = Enumerable.Range(0, 300).Select(i => Numbered(i, priority: i % 7)).ToArray();
        await harness.PushAsync(events);
        var failing = new RecordingHandler { Fail = true };
        var first = await harness.StartAsync(harness.Options("a"), failing);
        await Poll.UntilAsync(async () => await harness.LengthAsync(ReliableQueue.InflightKey(harness.Queue(0), "a")) > 0, what: "events in flight");
        await harness.StopAsync(first);
        var inFlight = await harness.PendingAsync("a") - await QueuedAsync(harness);

        var handler = new RecordingHandler();
        await harness.StartAsync(harness.Options("a"), handler);

        await Poll.UntilAsync(() => Task.FromResult(handler.Handled.Count >= 300), what: "all 300 events handled after the restart");
        await Poll.UntilAsync(async () => await harness.PendingAsync("a") == 0, what: "nothing left in flight");
        Assert.Multiple(() =>
        {
            Assert.That(inFlight, Is.GreaterThan(0));
            Assert.That(handler.Handled.Select(static e => e.Event.Id), Is.EquivalentTo(events.Select(static e => e.Id)));
            Assert.That(handler.Handled.Count(static e => e.Recovered), Is.EqualTo(inFlight));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task TakeOver_OfAnInstanceThatStoppedHeartbeatingMidBatch_HandlesAllItsEventsElsewhere(bool cluster)
    {
        await using var harness = await ConsumerHarness.CreateAsync(cluster);
        var events = Enumerable.Range(0, 400).Select(i => Numbered(i, priority: i % 3)).ToArray();
        await harness.PushAsync(events);
        // The abandoned instance's clock stands an hour back and never moves: its one heartbeat is long stale.
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var abandoned = new RecordingHandler { HangAfterFirstBatch = true };
        var options = harness.Options("a", o => { o.Workers = 1; o.BatchSize = 30; o.WorkerQueueCapacity = 20; });
        await harness.StartAsync(options, abandoned, frozen);
        var hung = await abandoned.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // Blocked: its worker holds `hung`, its queue 20 more, and its reader one more it cannot hand over; it moved whole batches of 30.
        var held = (hung + 20 + 1 + 29) / 30 * 30;
        await Poll.UntilAsync(async () => await InFlightAsync(harness, "a") == held, what: "the abandoned instance blocked with full queues");

        var handler = new RecordingHandler();
        await harness.StartAsync(harness.Options("b"), handler);

        await Poll.UntilAsync(() => Task.FromResult(handler.Handled.Count >= 400), what: "all 400 events handled by b");
        await Poll.UntilAsync(async () => await harness.PendingAsync("a", "b") == 0, what: "nothing left in flight anywhere");
        Assert.Multiple(() =>
        {
            Assert.That(handler.Handled.Select(static e => e.Event.Id), Is.EquivalentTo(events.Select(static e => e.Id)));
            Assert.That(handler.Handled.Count(static e => e.Recovered), Is.EqualTo(held));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Metrics_ReportTheDepthOfEachQueueAtEachHeartbeat(bool cluster)
    {
        await using var harness = await ConsumerHarness.CreateAsync(cluster);
        await harness.PushAsync([.. Enumerable.Range(0, 50).Select(i => Numbered(i, priority: 6))]);
        // A handler that always fails and room for one event: the reader stops early and most events stay queued.
        await harness.StartAsync(harness.Options("a", o => { o.Workers = 1; o.BatchSize = 1; o.WorkerQueueCapacity = 1; }), new RecordingHandler { Fail = true });

        // event:p6 is the last queue, so its depth is the gauge's last measurement.
        await Poll.UntilAsync(
            async () => harness.Meters.Observe("falcon.alarm.queue.depth") is { } depth && depth > 40 && (long)depth == await harness.LengthAsync(harness.Queue(6)),
            what: "the depth gauge shows what waits in event:p6");
        Assert.That(harness.Meters.Sum("falcon.alarm.events.batch_failures"), Is.GreaterThan(0));
    }

    private static async Task<long> QueuedAsync(ConsumerHarness harness)
    {
        long total = 0;
        for (var p = 0; p <= 6; p++)
        {
            total += await harness.LengthAsync(harness.Queue(p));
        }

        return total;
    }

    private static async Task<long> InFlightAsync(ConsumerHarness harness, string instance)
    {
        long total = 0;
        for (var p = 0; p <= 6; p++)
        {
            total += await harness.LengthAsync(ReliableQueue.InflightKey(harness.Queue(p), instance));
        }

        return total;
    }
}
