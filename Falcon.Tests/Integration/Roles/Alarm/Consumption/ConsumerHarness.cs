using System.Collections.Concurrent;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Integration.Roles.Alarm.Consumption;

/// <summary>Event queues of a test's own on a real Redis, and consumers started over them.</summary>
internal sealed class ConsumerHarness : IAsyncDisposable
{
    private readonly List<EventConsumer> _started = [];

    private ConsumerHarness(RedisConnection redis, string prefix)
    {
        Redis = redis;
        Prefix = prefix;
    }

    public RedisConnection Redis { get; }

    /// <summary>The meters of every consumer this harness started.</summary>
    public TestMeterFactory Meters { get; } = new();

    /// <summary>The test's own prefix, so that event:pN become `t1234:event:pN`.</summary>
    public string Prefix { get; }

    public static async Task<ConsumerHarness> CreateAsync(bool cluster)
    {
        var server = await TestServers.RedisAsync(cluster);
        var redis = new RedisConnection(Microsoft.Extensions.Options.Options.Create(new RedisOptions { Connection = server.Connection }), NullLogger<RedisConnection>.Instance);
        return new ConsumerHarness(redis, "t" + Guid.NewGuid().ToString("N")[..8]);
    }

    public string Queue(int priority) => $"{Prefix}:event:p{priority}";

    public ConsumerOptions Options(string instance, Action<ConsumerOptions>? configure = null)
    {
        var options = new ConsumerOptions
        {
            InstanceId = instance,
            HighQueues = [Queue(0), Queue(1), Queue(2)],
            LowQueues = [Queue(3), Queue(4), Queue(5), Queue(6)],
            BatchSize = 50,
            Workers = 4,
            WorkerQueueCapacity = 100,
            PollInterval = TimeSpan.FromMilliseconds(10),
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            HeartbeatTimeout = TimeSpan.FromSeconds(2),
            DeadLetterQueue = Prefix + ":deadletter",
            RegistryKey = Prefix + ":consumers",
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Starts a consumer; it is stopped when the harness is disposed.</summary>
    public async Task<EventConsumer> StartAsync(ConsumerOptions options, IEventBatchHandler handler, TimeProvider? time = null, IEnumerable<IInstanceOwnedLists>? owned = null)
    {
        var consumer = new EventConsumer(
            Redis, handler, Microsoft.Extensions.Options.Options.Create(options), time ?? TimeProvider.System,
            NullLogger<EventConsumer>.Instance, Meters, owned ?? []);
        _started.Add(consumer);
        await consumer.StartAsync(CancellationToken.None);
        return consumer;
    }

    public async Task StopAsync(EventConsumer consumer)
    {
        _started.Remove(consumer);
        await consumer.StopAsync(CancellationToken.None);
        consumer.Dispose();
    }

    /// <summary>LPUSHes events as judge does.</summary>
    public async Task PushAsync(params JudgeEvent[] events)
    {
        var db = await Redis.GetDatabaseAsync();
        foreach (var e in events)
        {
            await db.ListLeftPushAsync(Queue(e.Priority), Falcon.Tests.Roles.Alarm.Consumption.TestEvents.Json(e));
        }
    }

    public async Task PushRawAsync(int priority, string raw) =>
        await (await Redis.GetDatabaseAsync()).ListLeftPushAsync(Queue(priority), raw);

    public async Task<long> LengthAsync(string key) => await (await Redis.GetDatabaseAsync()).ListLengthAsync(key);

    /// <summary>Items in every event queue and every in-flight or recovering list of <paramref name="instances"/>.</summary>
    public async Task<long> PendingAsync(params string[] instances)
    {
        long total = 0;
        for (var p = 0; p <= 6; p++)
        {
            total += await LengthAsync(Queue(p));
            foreach (var instance in instances)
            {
                total += await LengthAsync(ReliableQueue.InflightKey(Queue(p), instance));
                total += await LengthAsync(ReliableQueue.RecoveringKey(Queue(p), instance));
            }
        }

        return total;
    }

    public async Task<string[]> DeadLettersAsync() =>
        [.. (await (await Redis.GetDatabaseAsync()).ListRangeAsync(Prefix + ":deadletter")).Select(static v => (string)v!)];

    public async ValueTask DisposeAsync()
    {
        foreach (var consumer in _started)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await consumer.StopAsync(timeout.Token);
            consumer.Dispose();
        }

        await Redis.DisposeAsync();
        Meters.Dispose();
    }
}

/// <summary>A handler that records what it was given, in order, and can be told to fail or to hang.</summary>
internal sealed class RecordingHandler : IEventBatchHandler
{
    private readonly ConcurrentQueue<ConsumedEvent> _handled = new();

    /// <summary>Throw instead of handling.</summary>
    public bool Fail { get; set; }

    /// <summary>Handle the first batch, then never return (an instance that stopped mid-batch without acknowledging).</summary>
    public bool HangAfterFirstBatch { get; set; }

    /// <summary>Completed when the handler has handled a batch and hangs.</summary>
    public TaskCompletionSource<int> Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called with each batch before it counts as handled (e.g. the real recorder).</summary>
    public Func<IReadOnlyList<ConsumedEvent>, CancellationToken, Task>? Inner { get; set; }

    public IReadOnlyList<ConsumedEvent> Handled => [.. _handled];

    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("handler told to fail");
        }

        if (Inner is not null)
        {
            await Inner(batch, cancellationToken);
        }

        if (HangAfterFirstBatch)
        {
            Hanging.TrySetResult(batch.Count);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        foreach (var e in batch)
        {
            _handled.Enqueue(e);
        }
    }
}
