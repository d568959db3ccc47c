using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Roles.Alarm.Delivery;

/// <summary>Delivery wired as the role wires it, on a real Redis under its own key prefix, with a fake IM provider on loopback.</summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly HttpClient _client = new() { Timeout = Timeout.InfiniteTimeSpan };

    private DeliveryHarness(RedisConnection redis, FakeProviderServer server, DeliveryOptions options, ImChannelOptions im)
    {
        Redis = redis;
        Server = server;
        Options = options;
        Keys = new DeliveryKeys(options.KeyPrefix);
        Store = new FailureStore(redis, Keys);
        Pending = new PendingQueueWrites(options.PendingCapacity);
        Metrics = new DeliveryMetrics(MeterFactory, Pending);
        Failures = new FailureQueueWriter(Store, Pending, Metrics, Time, NullLogger<FailureQueueWriter>.Instance);
        UseSender(new ImWebhookSender(_client, Microsoft.Extensions.Options.Options.Create(im), Time));
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TestMeterFactory MeterFactory { get; } = new();

    public RedisConnection Redis { get; }

    public FakeProviderServer Server { get; }

    public DeliveryOptions Options { get; }

    public DeliveryKeys Keys { get; }

    public FailureStore Store { get; }

    public PendingQueueWrites Pending { get; }

    public DeliveryMetrics Metrics { get; }

    public FailureQueueWriter Failures { get; }

    public DeliveryIntake Intake { get; private set; } = null!;

    public DeliveryRounds Rounds { get; private set; } = null!;

    public DeliveryRetryService Retrier { get; private set; } = null!;

    public DeliverySignal Signal { get; } = new();

    public DeliveryOutboxService Outbox { get; private set; } = null!;

    public const string PrimaryPath = "/hook/primary";

    public const string BackupPath = "/hook/backup";

    public static async Task<DeliveryHarness> StartAsync(bool cluster = false, Action<DeliveryOptions>? configure = null, string? redisConnection = null)
    {
        var server = await FakeProviderServer.StartAsync();
        var connection = redisConnection ?? (await TestServers.RedisAsync(cluster)).Connection;
        var redis = new RedisConnection(Microsoft.Extensions.Options.Options.Create(new RedisOptions { Connection = connection }), NullLogger<RedisConnection>.Instance);
        var options = new DeliveryOptions
        {
            Backoff = TimeSpan.Zero,
            RetryDelay = TimeSpan.FromMinutes(10),
            KeyPrefix = $"alarm-test:{Guid.NewGuid():N}",
        };
        configure?.Invoke(options);
        var im = new ImChannelOptions
        {
            Provider = ImProvider.Feishu,
            Primary = server.Url("hook/primary"),
            Backup = server.Url("hook/backup"),
            Timeout = TimeSpan.FromMilliseconds(500),
        };
        return new DeliveryHarness(redis, server, options, im);
    }

    /// <summary>Rewires intake, rounds, outbox sender and retrier to send through <paramref name="sender"/> only, on the same Redis keys.</summary>
    public void UseSender(IChannelSender sender)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Intake = new DeliveryIntake([sender], Store, Signal, Metrics, Time, NullLogger<DeliveryIntake>.Instance);
        Rounds = new DeliveryRounds([sender], Store, Failures, Metrics, options, Time, NullLogger<DeliveryRounds>.Instance);
        Outbox = new DeliveryOutboxService(Rounds, Store, Signal, options, Time, NullLogger<DeliveryOutboxService>.Instance);
        Retrier = new DeliveryRetryService(Rounds, Failures, Store, Metrics, options, Time, NullLogger<DeliveryRetryService>.Instance);
    }

    /// <summary>
    /// The production path for one message: routing's dispatch into the outbox, then one pass of the outbox sender.
    /// Returns the worst of the first rounds (one per destination the message was split into).
    /// </summary>
    public async Task<DeliveryResult> DeliverAsync(AlarmMessage message, CancellationToken cancellationToken)
    {
        await Intake.DispatchAsync(message, cancellationToken);
        var results = await Outbox.RunOnceAsync(cancellationToken);
        Assert.That(results, Is.Not.Empty, "the dispatched message reached a round");
        return results.Max();
    }

    public int RequestsTo(string path) => Server.Requests.Count(r => r.PathAndQuery == path);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        MeterFactory.Dispose();
        await Server.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
