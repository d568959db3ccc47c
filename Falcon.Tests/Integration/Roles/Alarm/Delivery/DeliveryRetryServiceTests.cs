using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Roles.Alarm.Channels;

namespace Falcon.Tests.Integration.Roles.Alarm.Delivery;

[Category("Integration")]
public sealed class DeliveryRetryServiceTests
{
    [Test]
    public async Task TheRunningRetrier_GivesAFailedMessageItsSecondRound_WhenTheDelayHasPassed()
    {
        await using var h = await DeliveryHarness.StartAsync(configure: o => o.PollInterval = TimeSpan.FromSeconds(5));
        h.Server.Answer(
            FakeAnswer.Text(503, "busy"),
            FakeAnswer.Text(503, "busy"),
            FakeAnswer.Text(503, "busy"),
            FakeAnswer.Text(503, "busy"),
            FakeAnswer.Json(200, """{"code":0}"""));
        var message = TestMessages.Card();
        Assert.That(await h.DeliverAsync(message, CancellationToken.None), Is.EqualTo(DeliveryResult.Failed));
        await h.Retrier.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(h.MeterFactory.Observe("falcon.alarm.delivery.failure_queue") == 1), what: "first pass counted the failure queue");
            Assert.That(h.Server.Requests, Has.Count.EqualTo(4), "nothing is retried before the delay");

            h.Time.Advance(h.Options.RetryDelay);

            await Poll.UntilAsync(() => Task.FromResult(h.Server.Requests.Count == 5), what: "the second round's request");
            await Poll.UntilAsync(async () => (await h.Store.CountAsync(CancellationToken.None)).Failed == 0, what: "the failure queue is empty");
        }
        finally
        {
            await h.Retrier.StopAsync(CancellationToken.None);
        }

        var db = await h.Redis.GetDatabaseAsync();
        Assert.That(await db.KeyExistsAsync(h.Keys.Sent(message.Id)), Is.True);
    }
}
