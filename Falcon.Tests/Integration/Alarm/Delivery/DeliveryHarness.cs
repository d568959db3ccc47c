using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Shared.Redis;
using Falcon.Tests.Integration.Alarm.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Integration.Alarm.Delivery;

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
        var sender = new ImWebhookSender(_client, Microsoft.Extensions.Options.Options.Create(im), Time);
        Delivery = new AlarmDelivery([sender], Store, Pending, Metrics, Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<AlarmDelivery>.Instance, Signal);
        Outbox = new DeliveryOutboxService(Delivery, Store, Signal, Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<DeliveryOutboxService>.Instance);
        Retrier = new DeliveryRetryService(Delivery, Store, Metrics, Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<DeliveryRetryService>.Instance);
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

    public AlarmDelivery Delivery { get; }

    public DeliveryRetryService Retrier { get; }

    public DeliverySignal Signal { get; } = new();

    public DeliveryOutboxService Outbox { get; }

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

    public int RequestsTo(string path) => Server.Requests.Count(r => r.PathAndQuery == path);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        MeterFactory.Dispose();
        await Server.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
