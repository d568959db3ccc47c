using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Falcon.Shared.Redis;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>
/// Takes judge events from event:p0 … event:p6 in priority order and in batches, moving each batch atomically into
/// this instance's in-flight lists, and hands them to a fixed set of workers (an event id always to the same one, so
/// PROBLEM and OK stay in order). An event leaves its in-flight list only when handled. On start the instance takes
/// back its own in-flight events; it also takes over those of instances whose heartbeat stopped.
/// </summary>
internal sealed partial class EventConsumer : BackgroundService
{
    private readonly ReliableQueue _queue;
    private readonly ConsumerRegistry _registry;
    private readonly IEventBatchHandler _handler;
    private readonly ConsumerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EventConsumer> _logger;
    private readonly IReadOnlyList<IInstanceOwnedLists> _ownedLists;
    private readonly Channel<ConsumedEvent>[] _partitions;
    private readonly (string Queue, bool IsHigh)[] _queues;
    private readonly ConsumptionMetrics _metrics;
    private readonly DeadLetterTally? _tally;
    private readonly WorkProgress? _progress;

    public EventConsumer(
        RedisConnection redis,
        IEventBatchHandler handler,
        IOptions<ConsumerOptions> options,
        TimeProvider timeProvider,
        ILogger<EventConsumer> logger,
        IMeterFactory meters,
        IEnumerable<IInstanceOwnedLists> ownedLists,
        DeadLetterTally? tally = null,
        WorkProgress? progress = null)
    {
        _tally = tally;
        _progress = progress;
        _options = options.Value;
        _queue = new ReliableQueue(redis);
        _registry = new ConsumerRegistry(redis, _options.RegistryKey, _options.InstanceId, timeProvider);
        _handler = handler;
        _timeProvider = timeProvider;
        _logger = logger;
        _ownedLists = [.. ownedLists];
        _queues = [.. _options.Queues()];
        _partitions = new Channel<ConsumedEvent>[_options.Workers];
        for (var i = 0; i < _partitions.Length; i++)
        {
            _partitions[i] = Channel.CreateBounded<ConsumedEvent>(new BoundedChannelOptions(_options.WorkerQueueCapacity)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        _metrics = new ConsumptionMetrics(meters, _queues.Select(static q => q.Queue).ToArray(), () => _partitions.Sum(static p => p.Reader.Count));
    }

    /// <summary>The backlog name the consumer reports to <see cref="WorkProgress"/>: judge events not yet handled.</summary>
    public const string BacklogName = "alarm.events";

    /// <summary>The prefix of the workers' names in <see cref="WorkProgress"/> ("alarm.worker.3").</summary>
    public const string WorkerPrefix = "alarm.worker.";

    /// <summary>This instance's id in the registry and its in-flight list names.</summary>
    public string InstanceId => _options.InstanceId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RegisterAsync(stoppingToken);
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatLoopAsync(heartbeatStop.Token);
        var workers = _partitions.Select((p, i) => WorkerLoopAsync(i, p.Reader, stoppingToken)).ToArray();
        try
        {
            await RecoverOwnAsync(stoppingToken);
            await ReadLoopAsync(stoppingToken);
        }
        finally
        {
            foreach (var partition in _partitions)
            {
                partition.Writer.TryComplete();
            }

            await Task.WhenAll(workers.Select(static w => w.ContinueWith(static _ => { }, TaskScheduler.Default)));
            await heartbeatStop.CancelAsync();
            await heartbeat.ContinueWith(static _ => { }, TaskScheduler.Default);
            try
            {
                // What is still in flight stays in the lists; marking the stop lets a restart or another instance take it at once.
                await _registry.MarkStoppedAsync(CancellationToken.None);
                ConsumptionLog.Stopped(_logger, _options.InstanceId);
            }
            catch (Exception e)
            {
                ConsumptionLog.MarkStoppedFailed(_logger, _options.InstanceId, e.Message);
            }
        }
    }

    /// <summary>Waits while another live run of this same instance id heartbeats, then records this run.</summary>
    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                var mine = (await _registry.ListAsync(cancellationToken)).FirstOrDefault(i => i.Id == _options.InstanceId);
                var silentFor = mine is null ? TimeSpan.MaxValue : _timeProvider.GetUtcNow() - mine.LastBeat;
                if (mine is null || mine.Token == _registry.Token || silentFor >= _options.HeartbeatTimeout)
                {
                    await _registry.BeatAsync(cancellationToken);
                    ConsumptionLog.Started(_logger, _options.InstanceId, _queues.Length, _options.Workers);
                    return;
                }

                // Either a previous run that crashed moments ago or a second process with the same id: both are safe to wait out.
                ConsumptionLog.InstanceIdLive(_logger, _options.InstanceId, _options.HeartbeatTimeout - silentFor);
                await Task.Delay(_options.HeartbeatTimeout - silentFor + TimeSpan.FromMilliseconds(10), _timeProvider, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                backoff = NextBackoff(backoff);
                ConsumptionLog.RedisFailed(_logger, "register", backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
            }
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _timeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await _registry.BeatAsync(cancellationToken);
                var depths = await _queue.LengthsAsync(_queues.Select(static q => q.Queue).ToArray(), cancellationToken);
                _metrics.SetDepths(depths);
                // Waiting in Redis plus taken and not yet handled: what /health compares with alarm.consumer.healthMaxBacklog.
                _progress?.SetBacklog(BacklogName, depths.Sum() + _partitions.Sum(static p => p.Reader.Count));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ConsumptionLog.RedisFailed(_logger, "heartbeat", _options.HeartbeatInterval, e.Message);
            }
        }
    }

    private TimeSpan NextBackoff(TimeSpan backoff) =>
        backoff == TimeSpan.Zero
            ? TimeSpan.FromMilliseconds(Math.Min(200, _options.MaxRetryDelay.TotalMilliseconds))
            : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryDelay.Ticks));
}
