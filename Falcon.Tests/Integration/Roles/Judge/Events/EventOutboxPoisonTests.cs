using Falcon.Roles.Judge;
using Falcon.Roles.Judge.Events;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Judge.Events;

/// <summary>An event that cannot be written as JSON never holds up the judge's outbox.</summary>
[Category("Integration")]
public sealed class EventOutboxPoisonTests
{
    [Test]
    public async Task AnInfiniteLeftValue_IsDroppedAlone_CountedForHealth_AndTheNextEventIsPushed()
    {
        await using var redis = await EventPublisherTests.ConnectAsync(cluster: false);
        var pattern = JudgeRoleTests.Name("poison") + ":p%v";
        var tally = new DeadLetterTally(TimeProvider.System);
        using var meters = new TestMeterFactory();
        using var outbox = new EventOutbox(
            new EventPublisher(redis), Options.Create(new JudgeOptions { EventQueuePattern = pattern }), TimeProvider.System,
            new JudgeMetrics(meters), NullLogger<EventOutbox>.Instance, tally);
        await outbox.StartAsync(CancellationToken.None);
        var poison = EventPublisherTests.Problem(EventPublisherTests.NewEventId(), priority: 0, step: 1, eventTime: 1_700_000_000) with { LeftValue = double.PositiveInfinity };
        var good = EventPublisherTests.Problem(EventPublisherTests.NewEventId(), priority: 0, step: 1, eventTime: 1_700_000_060);

        await outbox.EnqueueAsync(poison, CancellationToken.None);
        await outbox.EnqueueAsync(good, CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(outbox.Pending == 0), TimeSpan.FromSeconds(10), "the outbox drained");
        await outbox.StopAsync(CancellationToken.None);

        var db = await redis.GetDatabaseAsync(CancellationToken.None);
        var pushed = (await db.ListRangeAsync(pattern.Replace("%v", "0", StringComparison.Ordinal))).Select(static v => (string)v!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pushed, Has.Count.EqualTo(1));
            Assert.That(pushed[0], Does.Contain(good.Id));
            Assert.That(tally.Recent(TimeSpan.FromMinutes(1)), Is.EquivalentTo(new Dictionary<string, int> { [EventOutbox.UnpublishableStage] = 1 }));
        });
    }
}
