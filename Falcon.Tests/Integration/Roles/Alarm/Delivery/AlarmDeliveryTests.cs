using System.Text.Json;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Roles.Alarm.Channels;

namespace Falcon.Tests.Integration.Roles.Alarm.Delivery;

[Category("Integration")]
public sealed class AlarmDeliveryTests
{
    private static readonly FakeAnswer Ok = FakeAnswer.Json(200, """{"code":0,"msg":"success"}""");
    private static readonly FakeAnswer ErrorCode = FakeAnswer.Json(200, """{"code":9499,"msg":"Bad Request"}""");

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task WhenThePrimaryFails_TheBackupSends_AndNothingIsQueued(bool cluster)
    {
        await using var h = await DeliveryHarness.StartAsync(cluster);
        h.Server.Answer(FakeAnswer.Text(500, "down"), Ok);
        var message = TestMessages.Card();

        var result = await h.DeliverAsync(message, CancellationToken.None);

        var (failed, final) = await h.Store.CountAsync(CancellationToken.None);
        var db = await h.Redis.GetDatabaseAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(result, Is.EqualTo(DeliveryResult.Sent));
            Assert.That(h.Server.Requests.Select(r => r.PathAndQuery), Is.EqualTo(new[] { DeliveryHarness.PrimaryPath, DeliveryHarness.BackupPath }));
            Assert.That((failed, final), Is.EqualTo((0L, 0L)));
            Assert.That(await db.KeyExistsAsync(h.Keys.Sent(message.Id)), Is.True);
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "sent"), Is.EqualTo(1));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.delivery.tries", "target", "backup"), Is.EqualTo(1));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task WhenAllFourTriesFail_TheMessageWaitsInTheFailureQueue_ForTheRetryDelay(bool cluster)
    {
        await using var h = await DeliveryHarness.StartAsync(cluster);
        h.Server.Answer(ErrorCode);
        var message = TestMessages.Card();

        var result = await h.DeliverAsync(message, CancellationToken.None);

        var db = await h.Redis.GetDatabaseAsync();
        var due = await db.SortedSetScoreAsync(h.Keys.Failed, message.Id);
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(DeliveryResult.Failed));
            Assert.That(h.Server.Requests.Select(r => r.PathAndQuery), Is.EqualTo(new[] { DeliveryHarness.PrimaryPath, DeliveryHarness.BackupPath, DeliveryHarness.PrimaryPath, DeliveryHarness.BackupPath }));
            Assert.That(due, Is.EqualTo((h.Time.GetUtcNow() + h.Options.RetryDelay).ToUnixTimeMilliseconds()));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "failed"), Is.EqualTo(1));
        });
    }

    [TestCaseSource(typeof(TestServers), nameof(TestServers.RedisKinds))]
    public async Task AFailedMessage_GetsASecondRoundOnlyAfterTheDelay_ThenGoesToTheFinalFailureQueue_AndTheMetric(bool cluster)
    {
        await using var h = await DeliveryHarness.StartAsync(cluster);
        h.Server.Answer(ErrorCode);
        var message = TestMessages.Card();
        await h.DeliverAsync(message, CancellationToken.None);

        h.Time.Advance(h.Options.RetryDelay - TimeSpan.FromSeconds(1));
        var early = await h.Retrier.RunOnceAsync(CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var onTime = await h.Retrier.RunOnceAsync(CancellationToken.None);

        var final = await h.Store.ListFinalAsync(10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(early, Is.Zero);
            Assert.That(onTime, Is.EqualTo(1));
            Assert.That(h.Server.Requests, Has.Count.EqualTo(8));
            Assert.That(final.Single().Message.Id, Is.EqualTo(message.Id));
            Assert.That(final.Single().Rounds, Is.EqualTo(2));
            Assert.That(final.Single().LastError, Does.Contain("9499"));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "final_failed"), Is.EqualTo(1));
            Assert.That(h.MeterFactory.Observe("falcon.alarm.delivery.final_failure_queue"), Is.EqualTo(1));
            Assert.That(h.MeterFactory.Observe("falcon.alarm.delivery.failure_queue"), Is.Zero);
            Assert.That(h.MeterFactory.Observe("falcon.alarm.delivery.outbox"), Is.Zero);
        });
    }

    [Test]
    public async Task ACard_IsStillACardOnTheRetryRound()
    {
        await using var h = await DeliveryHarness.StartAsync();
        h.Server.Answer(ErrorCode, ErrorCode, ErrorCode, ErrorCode, Ok);
        await h.DeliverAsync(TestMessages.Card(), CancellationToken.None);
        h.Time.Advance(h.Options.RetryDelay);

        await h.Retrier.RunOnceAsync(CancellationToken.None);

        var retried = h.Server.Requests[4];
        using var body = JsonDocument.Parse(retried.Body);
        Assert.Multiple(() =>
        {
            Assert.That(h.Server.Requests, Has.Count.EqualTo(5));
            Assert.That(retried.Body, Is.EqualTo(h.Server.Requests[0].Body));
            Assert.That(body.RootElement.GetProperty("msg_type").GetString(), Is.EqualTo("interactive"));
            Assert.That(body.RootElement.GetProperty("card").GetProperty("elements")[1].GetProperty("actions").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AMessageAlreadySent_IsNotSentAgainByARetry_AndLeavesTheQueue()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var message = TestMessages.Card();
        var record = new DeliveryRecord(message, 1, false, "earlier failure", h.Time.GetUtcNow(), h.Time.GetUtcNow());
        await h.Store.ScheduleAsync(record, h.Time.GetUtcNow(), DeliveryQueue.None, CancellationToken.None);
        await h.Store.MarkSentAsync(message.Id, TimeSpan.FromMinutes(5), DeliveryQueue.None, CancellationToken.None);

        await h.Retrier.RunOnceAsync(CancellationToken.None);

        var (failed, final) = await h.Store.CountAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(h.Server.Requests, Is.Empty);
            Assert.That((failed, final), Is.EqualTo((0L, 0L)));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "duplicate"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ASuccessfulRetry_IsRecordedAsSentBeforeItLeavesTheQueue_SoAReplayOfTheSameIdSendsNothing()
    {
        await using var h = await DeliveryHarness.StartAsync();
        h.Server.Answer(ErrorCode, ErrorCode, ErrorCode, ErrorCode, Ok);
        var message = TestMessages.Card();
        await h.DeliverAsync(message, CancellationToken.None);
        h.Time.Advance(h.Options.RetryDelay);
        await h.Retrier.RunOnceAsync(CancellationToken.None);

        var again = await h.DeliverAsync(message, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(DeliveryResult.Duplicate));
            Assert.That(h.Server.Requests, Has.Count.EqualTo(5));
        });
    }

    [Test]
    public async Task AClaimedMessage_IsNotClaimedAgainUntilItsLeaseRunsOut()
    {
        await using var h = await DeliveryHarness.StartAsync();
        var record = new DeliveryRecord(TestMessages.Card(), 1, false, null, h.Time.GetUtcNow(), h.Time.GetUtcNow());
        await h.Store.ScheduleAsync(record, h.Time.GetUtcNow(), DeliveryQueue.None, CancellationToken.None);
        var now = h.Time.GetUtcNow();

        var first = await h.Store.ClaimAsync(DeliveryQueue.Failed, now, now + h.Options.ClaimLease, 10, CancellationToken.None);
        var second = await h.Store.ClaimAsync(DeliveryQueue.Failed, now, now + h.Options.ClaimLease, 10, CancellationToken.None);
        var afterLease = await h.Store.ClaimAsync(DeliveryQueue.Failed, now + h.Options.ClaimLease, now + (2 * h.Options.ClaimLease), 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(1));
            Assert.That(second, Is.Empty);
            Assert.That(afterLease.Single().Message.Id, Is.EqualTo(record.Message.Id));
        });
    }

    [Test]
    public async Task AReplayedFinalFailure_GetsOneMoreRound_AndIsDeliveredWhenTheProviderIsBack()
    {
        await using var h = await DeliveryHarness.StartAsync(configure: o => o.Rounds = 1);
        h.Server.Answer(ErrorCode, ErrorCode, ErrorCode, ErrorCode, Ok);
        var message = TestMessages.Card();
        var first = await h.DeliverAsync(message, CancellationToken.None);

        var replayed = await h.Store.ReplayAsync(null, h.Time.GetUtcNow(), CancellationToken.None);
        await h.Retrier.RunOnceAsync(CancellationToken.None);

        var (failed, final) = await h.Store.CountAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(DeliveryResult.FinalFailed));
            Assert.That(replayed, Is.EqualTo(1));
            Assert.That(h.Server.Requests, Has.Count.EqualTo(5));
            Assert.That((failed, final), Is.EqualTo((0L, 0L)));
        });
    }

    [Test]
    public async Task AReplayedMessageThatFailsAgain_ReturnsToTheFinalFailureQueue()
    {
        await using var h = await DeliveryHarness.StartAsync();
        h.Server.Answer(ErrorCode);
        var message = TestMessages.Card();
        await h.DeliverAsync(message, CancellationToken.None);
        h.Time.Advance(h.Options.RetryDelay);
        await h.Retrier.RunOnceAsync(CancellationToken.None);

        await h.Store.ReplayAsync([message.Id], h.Time.GetUtcNow(), CancellationToken.None);
        await h.Retrier.RunOnceAsync(CancellationToken.None);

        var final = await h.Store.ListFinalAsync(10, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(h.Server.Requests, Has.Count.EqualTo(12));
            Assert.That(final.Single().Replayed, Is.True);
            Assert.That(final.Single().Rounds, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task WithoutABackup_EveryTryGoesToThePrimary()
    {
        await using var h = await DeliveryHarness.StartAsync();
        h.Server.Answer(ErrorCode);
        var sender = new ImWebhookSender(
            new HttpClient(),
            Microsoft.Extensions.Options.Options.Create(new ImChannelOptions { Primary = h.Server.Url("hook/primary") }),
            h.Time);
        h.UseSender(sender);

        await h.DeliverAsync(TestMessages.Card(), CancellationToken.None);

        Assert.That(h.Server.Requests.Select(r => r.PathAndQuery), Is.EqualTo(Enumerable.Repeat(DeliveryHarness.PrimaryPath, 4)));
    }

    [Test]
    public async Task AChannelWithNothingConfigured_IsCountedAndNotQueued()
    {
        await using var h = await DeliveryHarness.StartAsync();

        await h.Intake.DispatchAsync(TestMessages.Text(ChannelKind.Sms, "1"), CancellationToken.None);
        var rounds = await h.Outbox.RunOnceAsync(CancellationToken.None);

        var (failed, final) = await h.Store.CountAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(rounds, Is.Empty, "no round runs for a channel with nothing configured");
            Assert.That(await h.Store.OutboxLengthAsync(CancellationToken.None), Is.Zero);
            Assert.That((failed, final), Is.EqualTo((0L, 0L)));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "unconfigured"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task WhenRedisIsDown_AFailedMessageIsHeldInMemory_AndWrittenOnceRedisIsBack()
    {
        var port = Servers.ServerProcess.FreePort();
        await using var down = await DeliveryHarness.StartAsync(redisConnection: $"127.0.0.1:{port},connectTimeout=300,asyncTimeout=300,syncTimeout=300");
        down.Server.Answer(ErrorCode);
        // Intake refuses a message while Redis is down (routing keeps the event), so a round meets a Redis outage only
        // for a message claimed from the outbox before Redis went away: that round runs here as the outbox sender runs it.
        var claimed = new DeliveryRecord(TestMessages.Card(), 0, false, null, default, default);

        var result = await down.Rounds.RunAsync(claimed, DeliveryQueue.Outbox, sent: null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(DeliveryResult.Failed));
            Assert.That(down.Pending.Count, Is.EqualTo(1));
            Assert.That(down.MeterFactory.Observe("falcon.alarm.delivery.pending_writes"), Is.EqualTo(1));
        });

        // The same held write reaches a Redis that answers.
        await using var up = await DeliveryHarness.StartAsync(configure: o => o.KeyPrefix = down.Options.KeyPrefix);
        Assert.That(down.Pending.TryTake(out var held), Is.True);
        await up.Failures.WriteOrHoldAsync(held, CancellationToken.None);
        var (failed, _) = await up.Store.CountAsync(CancellationToken.None);
        Assert.That(failed, Is.EqualTo(1));
    }
}
