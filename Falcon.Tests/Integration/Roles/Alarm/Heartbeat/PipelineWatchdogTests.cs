using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Heartbeat;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Integration.Roles.Judge.Events;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Alarm.Heartbeat;

/// <summary>The alarm pipeline's dead-man's switch on a real Redis, two alarm instances, a loopback fallback receiver and a fake clock.</summary>
[Category("Integration")]
public sealed class PipelineWatchdogTests
{
    [Test]
    public async Task AJudgeSilentForMaxSilence_FailsHealth_AndTheFallbackGetsOneMessage_ThenOneRecovery_AcrossTwoAlarms()
    {
        await using var receiver = await FakeProviderServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var key = "hb-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await Watch.StartAsync(key, receiver.Url("fallback/token-a"), time);
        await using var b = await Watch.StartAsync(key, receiver.Url("fallback/token-a"), time);
        var inner = new RecordingHandler();
        var handler = new PipelineHeartbeatHandler(inner, a.Watchdog);

        var real = TestEvents.Strategy(priority: 0);
        await handler.HandleAsync([TestEvents.Consumed(PipelineHeartbeat.Create("judge-a", 0, time.GetUtcNow())), TestEvents.Consumed(real)], CancellationToken.None);
        var fresh = await b.Watchdog.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        var stillFresh = await a.Watchdog.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var silentA = await a.Watchdog.CheckAsync(CancellationToken.None);
        var silentB = await b.Watchdog.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await a.Watchdog.CheckAsync(CancellationToken.None);
        await b.Watchdog.CheckAsync(CancellationToken.None);
        var duringSilence = receiver.Requests.ToList();

        Assert.Multiple(() =>
        {
            Assert.That(inner.Events.Select(e => e.Id), Is.EqualTo(new[] { real.Id }), "the heartbeat is neither recorded nor routed");
            Assert.That(fresh.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(stillFresh.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(silentA.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(silentA.Description, Does.Contain("judge-a (on event:p0) silent for 06:00"));
            Assert.That(silentB.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(silentB.Description, Does.Contain("judge-a"), "b learnt of judge-a from the arrivals a stored in Redis");
            Assert.That(duringSilence, Has.Count.EqualTo(1), "one message for the two alarms and the repeated checks");
            Assert.That(duringSilence[0].Body, Does.Contain("PROBLEM").And.Contain("judge-a"));
        });

        await handler.HandleAsync([TestEvents.Consumed(PipelineHeartbeat.Create("judge-a", 0, time.GetUtcNow()))], CancellationToken.None);
        var backA = await a.Watchdog.CheckAsync(CancellationToken.None);
        var backB = await b.Watchdog.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(30));
        await a.Watchdog.CheckAsync(CancellationToken.None);
        await b.Watchdog.CheckAsync(CancellationToken.None);
        var all = receiver.Requests.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(backA.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(backB.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(all, Has.Count.EqualTo(2), "one recovery message");
            Assert.That(all[1].Body, Does.Contain("\"status\":\"OK\""));
            Assert.That(inner.Events, Has.Count.EqualTo(1), "a batch of heartbeats only never reaches recording");
        });
    }

    [Test]
    public async Task NoHeartbeatEverAfterStart_FailsHealth_AndAFailedFallbackIsRetriedAtTheNextCheck()
    {
        await using var receiver = await FakeProviderServer.StartAsync();
        receiver.Answer(FakeAnswer.Text(500, "down"), FakeAnswer.Json(200, "{}"));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        await using var alarm = await Watch.StartAsync("hb-" + Guid.NewGuid().ToString("N")[..8], receiver.Url("fallback"), time);

        var early = await alarm.Watchdog.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(6));
        var silent = await alarm.Watchdog.CheckAsync(CancellationToken.None);
        var afterFailure = receiver.RequestCount;
        time.Advance(TimeSpan.FromSeconds(30));
        await alarm.Watchdog.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(30));
        await alarm.Watchdog.CheckAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(early.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(silent.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(silent.Description, Does.Contain("since this alarm started"));
            Assert.That(afterFailure, Is.EqualTo(1));
            Assert.That(receiver.RequestCount, Is.EqualTo(2), "retried once after the 500, then sent, then nothing more");
        });
    }

    [Test]
    public async Task AHeartbeatInABatchThatFails_IsNotNoted_SoAStuckAlarmCountsAsSilent()
    {
        await using var receiver = await FakeProviderServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        await using var alarm = await Watch.StartAsync("hb-" + Guid.NewGuid().ToString("N")[..8], receiver.Url("fallback"), time);
        var handler = new PipelineHeartbeatHandler(new FailingHandler(), alarm.Watchdog);
        var batch = new[] { TestEvents.Consumed(PipelineHeartbeat.Create("judge-a", 0, time.GetUtcNow())), TestEvents.Consumed(TestEvents.Strategy(priority: 0)) };

        Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(batch, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(6));
        var silent = await alarm.Watchdog.CheckAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(silent.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(silent.Description, Does.Contain("since this alarm started"), "the failed batch's heartbeat was not counted");
        });
    }

    private sealed class FailingHandler : IEventBatchHandler
    {
        public Task HandleAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("MySQL refused the batch");
    }

    private sealed class RecordingHandler : IEventBatchHandler
    {
        public List<JudgeEvent> Events { get; } = [];

        public Task HandleAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken)
        {
            Events.AddRange(batch.Select(c => c.Event));
            return Task.CompletedTask;
        }
    }

    private sealed class Watch : IAsyncDisposable
    {
        private readonly RedisConnection _redis;
        private readonly HttpClient _client = new();

        private Watch(RedisConnection redis, string key, string fallbackUrl, TimeProvider time)
        {
            _redis = redis;
            var options = Options.Create(new PipelineWatchOptions { Key = key, FallbackUrl = fallbackUrl });
            var fallback = new FallbackNotifier(new OneClient(_client), options, NullLogger<FallbackNotifier>.Instance);
            Watchdog = new PipelineWatchdog(redis, options, Options.Create(new ConsumerOptions()), fallback, time, NullLogger<PipelineWatchdog>.Instance);
        }

        public PipelineWatchdog Watchdog { get; }

        public static async Task<Watch> StartAsync(string key, string fallbackUrl, TimeProvider time) =>
            new(await EventPublisherTests.ConnectAsync(cluster: false), key, fallbackUrl, time);

        public async ValueTask DisposeAsync()
        {
            Watchdog.Dispose();
            _client.Dispose();
            await _redis.DisposeAsync();
        }
    }

    private sealed class OneClient(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => name == ChannelHttp.ClientName ? client : throw new ArgumentException(name);
    }
}
