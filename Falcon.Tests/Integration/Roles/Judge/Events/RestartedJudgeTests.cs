using Falcon.Roles.Judge.Evaluation;
using Falcon.Roles.Judge.Events;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Judge.Events;

[Category("Integration")]
public sealed class RestartedJudgeTests
{
    private const long Start = 1_700_000_040;
    private const int MaxStep = 3;

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task RestartedJudge_DoesNotRepeatTheProblemWithinMinInterval_AndSendsTheOkOnce(bool cluster)
    {
        await using var connection = await EventPublisherTests.ConnectAsync(cluster);
        var db = await connection.GetDatabaseAsync();
        var id = EventPublisherTests.NewEventId();
        var priority = Random.Shared.Next(100_000, 999_999);
        var queue = $"event:p{priority}";
        var publisher = new EventPublisher(connection);
        var store = new LastEventStore(connection, NullLogger<LastEventStore>.Instance);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Start));

        // First judge: the PROBLEM is sent.
        var first = new EventStateMachine(time);
        await SendAsync(publisher, first.Decide(id, true, 95, MaxStep, Start - 60, Start, EventStateMachine.DefaultMinInterval), priority);

        // Restarted a minute later, with a new window: still within minInterval, so silent.
        var now = Start + 60;
        time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(now));
        var second = new EventStateMachine(time);
        var restored = await store.WarmAsync(second, [id]);
        var repeat = second.Decide(id, true, 95, MaxStep, Start + 1, now, EventStateMachine.DefaultMinInterval);

        // It recovers: the OK is sent once.
        now += 60;
        time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(now));
        await SendAsync(publisher, second.Decide(id, false, 50, MaxStep, now - 60, now, EventStateMachine.DefaultMinInterval), priority);

        // Restarted again: it knows the OK went out and stays silent.
        now += 60;
        time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(now));
        var third = new EventStateMachine(time);
        await store.WarmAsync(third, [id]);
        var secondOk = third.Decide(id, false, 50, MaxStep, now - 60, now, EventStateMachine.DefaultMinInterval);

        var sent = await db.ListRangeAsync(queue);
        await db.KeyDeleteAsync(queue);
        Assert.Multiple(() =>
        {
            Assert.That(restored, Is.EqualTo(1));
            Assert.That(repeat, Is.Null);
            Assert.That(secondOk, Is.Null);
            // LPUSH puts the newest first.
            Assert.That(sent.Select(v => (string)v!), Has.Exactly(2).Items);
            Assert.That((string?)sent[0], Does.Contain("\"status\":\"OK\""));
            Assert.That((string?)sent[1], Does.Contain("\"status\":\"PROBLEM\""));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task RestartedJudge_AfterMinInterval_ContinuesTheStepCount(bool cluster)
    {
        await using var connection = await EventPublisherTests.ConnectAsync(cluster);
        var id = EventPublisherTests.NewEventId();
        var priority = Random.Shared.Next(100_000, 999_999);
        var publisher = new EventPublisher(connection);
        var store = new LastEventStore(connection, NullLogger<LastEventStore>.Instance);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Start));
        await SendAsync(publisher, new EventStateMachine(time).Decide(id, true, 95, MaxStep, Start - 60, Start, EventStateMachine.DefaultMinInterval), priority);

        var now = Start + 300;
        time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(now));
        var restarted = new EventStateMachine(time);
        await store.WarmAsync(restarted, [id]);
        var next = restarted.Decide(id, true, 95, MaxStep, Start + 1, now, EventStateMachine.DefaultMinInterval);

        var db = await connection.GetDatabaseAsync();
        await db.KeyDeleteAsync($"event:p{priority}");
        Assert.That(next?.CurrentStep, Is.EqualTo(2));
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task GetMany_ReturnsEachIdsLastEventInOrder_AcrossSlots_NullWhereNoneOrUnreadable(bool cluster)
    {
        await using var connection = await EventPublisherTests.ConnectAsync(cluster);
        var db = await connection.GetDatabaseAsync();
        var publisher = new EventPublisher(connection);
        var store = new LastEventStore(connection, NullLogger<LastEventStore>.Instance);
        var priority = Random.Shared.Next(100_000, 999_999);
        var ids = Enumerable.Range(0, 20).Select(_ => EventPublisherTests.NewEventId()).ToList();
        for (var i = 0; i < ids.Count; i += 2)
        {
            await publisher.PublishAsync(EventPublisherTests.Problem(ids[i], priority, 1, Start + i), EventQueues.DefaultPattern);
        }

        await db.StringSetAsync(LastEventKeys.For(ids[1]), "not json");
        var loaded = await store.GetManyAsync(ids);
        await db.KeyDeleteAsync($"event:p{priority}");

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Has.Count.EqualTo(ids.Count));
            for (var i = 0; i < ids.Count; i++)
            {
                Assert.That(loaded[i], i % 2 == 0 ? Is.EqualTo(new LastEvent(EventStatus.Problem, 1, Start + i)) : Is.Null);
            }
        });
    }

    private static async Task SendAsync(EventPublisher publisher, EventDecision? decision, int priority)
    {
        Assert.That(decision, Is.Not.Null);
        await publisher.PublishAsync(
            new JudgeEvent
            {
                Id = decision!.EventId,
                Strategy = new Strategy { Id = 12, Metric = "cpu.idle", MaxStep = MaxStep, Priority = priority },
                Status = decision.Status == EventStatus.Problem ? JudgeEventStatus.Problem : JudgeEventStatus.Ok,
                Endpoint = "host-a",
                LeftValue = decision.LeftValue,
                CurrentStep = decision.CurrentStep,
                EventTime = decision.EventTime,
            },
            EventQueues.DefaultPattern);
    }
}
