using System.Diagnostics;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Roles.Alarm.Channels;
using StackExchange.Redis;

namespace Falcon.Tests.Integration.Roles.Alarm.Delivery;

[Category("Integration")]
public sealed class DeliveryOutboxTests
{
    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task Dispatch_StoresTheMessageInTheOutbox_WithoutSendingIt(bool cluster)
    {
        await using var h = await DeliveryHarness.StartAsync(cluster);
        var message = TestMessages.Card();

        await h.Intake.DispatchAsync(message, CancellationToken.None);

        var db = await h.Redis.GetDatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(h.Server.Requests, Is.Empty);
            Assert.That(await db.SortedSetScoreAsync(h.Keys.Outbox, message.Id), Is.EqualTo(h.Time.GetUtcNow().ToUnixTimeMilliseconds()));
            Assert.That(await h.Store.OutboxLengthAsync(CancellationToken.None), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TheOutboxSender_SendsADispatchedCard_AndEmptiesTheOutbox()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var message = TestMessages.Card();
        await h.Intake.DispatchAsync(message, CancellationToken.None);

        var claimed = await h.Outbox.RunOnceAsync(CancellationToken.None);

        var db = await h.Redis.GetDatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(claimed, Has.Count.EqualTo(1));
            Assert.That(h.Server.Requests.Single().Body, Does.Contain("\"interactive\""));
            Assert.That(await h.Store.OutboxLengthAsync(CancellationToken.None), Is.Zero);
            Assert.That(await db.HashLengthAsync(h.Keys.OutboxRecords), Is.Zero);
            Assert.That(await db.KeyExistsAsync(h.Keys.Sent(message.Id)), Is.True);
        });
    }

    [Test]
    public async Task ADispatchedMessageWhoseFirstRoundFails_MovesFromTheOutboxToTheFailureQueue()
    {
        await using var h = await DeliveryHarness.StartAsync();
        h.Server.Answer(FakeAnswer.Text(500, "down"));
        var message = TestMessages.Card();
        await h.Intake.DispatchAsync(message, CancellationToken.None);

        await h.Outbox.RunOnceAsync(CancellationToken.None);

        var (failed, _) = await h.Store.CountAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(h.Server.Requests, Has.Count.EqualTo(4));
            Assert.That(await h.Store.OutboxLengthAsync(CancellationToken.None), Is.Zero);
            Assert.That(failed, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task TheRunningOutboxSender_IsWokenByADispatch_WithoutWaitingForThePollInterval()
    {
        await using var h = await DeliveryHarness.StartAsync(configure: o => o.PollInterval = TimeSpan.FromMinutes(10));
        await h.Outbox.StartAsync(CancellationToken.None);
        try
        {
            var clock = Stopwatch.StartNew();
            await h.Intake.DispatchAsync(TestMessages.Card(), CancellationToken.None);

            await Poll.UntilAsync(() => Task.FromResult(h.Server.Requests.Count == 1), TimeSpan.FromSeconds(10), "the dispatched message was sent");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await h.Outbox.StopAsync(CancellationToken.None);
        }
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task DispatchMany_PutsEveryConfiguredMessageInTheOutboxAtOnce(bool cluster)
    {
        await using var h = await DeliveryHarness.StartAsync(cluster);
        var first = TestMessages.Card();
        var second = TestMessages.Card();

        await h.Intake.DispatchManyAsync([first, TestMessages.Text(ChannelKind.Phone, "alice"), second], CancellationToken.None);

        var db = await h.Redis.GetDatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await db.SortedSetRangeByRankAsync(h.Keys.Outbox), Is.EquivalentTo(new RedisValue[] { first.Id, second.Id }));
            Assert.That(await db.HashKeysAsync(h.Keys.OutboxRecords), Is.EquivalentTo(new RedisValue[] { first.Id, second.Id }));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "unconfigured"), Is.EqualTo(1));
            Assert.That(h.Server.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task TheOutboxSender_SendsEveryMessageOfALargeDispatch_OnceEach()
    {
        await using var h = await DeliveryHarness.StartAsync(configure: o => o.RetryBatch = 7);
        var messages = Enumerable.Range(0, 40).Select(_ => TestMessages.Card()).ToArray();
        await h.Intake.DispatchManyAsync(messages, CancellationToken.None);

        while ((await h.Outbox.RunOnceAsync(CancellationToken.None)).Count > 0)
        {
        }

        Assert.Multiple(async () =>
        {
            Assert.That(h.Server.Requests, Has.Count.EqualTo(40));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "sent"), Is.EqualTo(40));
            Assert.That(await h.Store.OutboxLengthAsync(CancellationToken.None), Is.Zero);
        });
    }

    [Test]
    public async Task TheOutboxSender_DoesNotSendAMessageAlreadySent_AndEmptiesTheOutbox()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var sent = TestMessages.Card();
        var fresh = TestMessages.Card();
        await h.Intake.DispatchManyAsync([sent, fresh], CancellationToken.None);
        await h.Store.MarkSentAsync(sent.Id, TimeSpan.FromMinutes(5), DeliveryQueue.None, CancellationToken.None);

        await h.Outbox.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(h.Server.Requests, Has.Count.EqualTo(1));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "duplicate"), Is.EqualTo(1));
            Assert.That(await h.Store.OutboxLengthAsync(CancellationToken.None), Is.Zero);
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AMessageSentFromTheOutbox_IsRememberedForTheSentRetention(bool cluster)
    {
        await using var h = await DeliveryHarness.StartAsync(cluster, o => o.SentRetention = TimeSpan.FromHours(3));
        var message = TestMessages.Card();
        await h.Intake.DispatchAsync(message, CancellationToken.None);

        await h.Outbox.RunOnceAsync(CancellationToken.None);

        var db = await h.Redis.GetDatabaseAsync();
        var ttl = await db.KeyTimeToLiveAsync(h.Keys.Sent(message.Id));
        Assert.Multiple(async () =>
        {
            Assert.That(ttl, Is.Not.Null.And.InRange(TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(3)));
            Assert.That(await db.HashLengthAsync(h.Keys.OutboxRecords), Is.Zero);
        });
    }

    [Test]
    public async Task Dispatch_ToAChannelWithNothingConfigured_StoresNothing()
    {
        await using var h = await DeliveryHarness.StartAsync();

        await h.Intake.DispatchAsync(TestMessages.Text(ChannelKind.Phone, "alice"), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await h.Store.OutboxLengthAsync(CancellationToken.None), Is.Zero);
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "unconfigured"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Dispatch_WhenRedisIsDown_Throws_SoRoutingKeepsTheEvent()
    {
        var port = Servers.ServerProcess.FreePort();
        await using var h = await DeliveryHarness.StartAsync(redisConnection: $"127.0.0.1:{port},connectTimeout=300,asyncTimeout=300,syncTimeout=300");

        Assert.That(
            async () => await h.Intake.DispatchAsync(TestMessages.Card(), CancellationToken.None),
            Throws.InstanceOf<RedisException>().Or.InstanceOf<TimeoutException>());
    }
}
