using System.Diagnostics.Metrics;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>
/// The configuration snapshot shared by every hbs instance through Redis (the fork's locked MySQL snapshot, with a
/// token-checked lease instead of its stale-takeover lock, and no empty answer when the snapshot is gone). One instance
/// at a time holds a lease lock, loads the tables from the database each refresh interval and publishes them as a
/// versioned, compressed key plus a fixed pointer, the pointer set atomically with the lock check; the others poll the
/// pointer and fetch a snapshot only when its generation changes. A snapshot older than the maximum age, or one that is
/// missing or unreadable, is never served as fresh or as empty: the instance loads from the database itself and counts
/// it in `falcon.hbs.cache.fallbacks`. Without Redis it keeps what it has and reloads from the database when that ages out.
/// </summary>
/// <remarks>
/// A snapshot's age compares the publisher's clock (its created-at) with the reader's, so instances are assumed to be
/// NTP-synchronised to well within `hbs.cache.maxAge`; the lock itself lapses on Redis's clock (see <see cref="RedisLock"/>).
/// The holder must load within `hbs.cache.lockTtl`: one that takes longer may lose the lock and then does not publish.
/// </remarks>
internal sealed partial class SnapshotCache : BackgroundService
{
    private readonly ISnapshotSource _source;
    private readonly RedisConnection _redis;
    private readonly RedisLock _lock;
    private readonly HbsCacheOptions _options;
    private readonly SnapshotKeys _keys;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SnapshotCache> _logger;
    private readonly SnapshotCacheMetrics _metrics;
    private readonly DateTimeOffset _startedAt;
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _notifyGate = new();
    private readonly List<Action<SnapshotEntry>> _subscribers = [];
    private volatile SnapshotEntry? _current;
    private volatile RedisLockLease? _lease;
    private bool _redisDown;

    public SnapshotCache(
        ISnapshotSource source,
        RedisConnection redis,
        RedisLock redisLock,
        IOptions<HbsCacheOptions> options,
        TimeProvider timeProvider,
        IMeterFactory meterFactory,
        ILogger<SnapshotCache> logger)
    {
        _source = source;
        _redis = redis;
        _lock = redisLock;
        _options = options.Value;
        _keys = new SnapshotKeys(_options.KeyPrefix);
        _timeProvider = timeProvider;
        _logger = logger;
        _startedAt = timeProvider.GetUtcNow();
        _metrics = new SnapshotCacheMetrics(meterFactory, this);
    }

    /// <summary>The snapshot served now; null until the first one is installed.</summary>
    public SnapshotEntry? Current => _current;

    /// <summary>How old <see cref="Current"/> is; null before the first snapshot.</summary>
    public TimeSpan? Age => _current is { } current ? Positive(current.AgeAt(_timeProvider.GetUtcNow())) : null;

    /// <summary>Whether <see cref="Current"/> is within `hbs.cache.maxAge` (false only while the database is unreachable too).</summary>
    public bool IsFresh => Age is { } age && age <= _options.MaxAge;

    /// <summary>Whether this instance holds the refresh lock (best-effort: the lease may lapse before the next renewal).</summary>
    public bool IsLeader => _lease is { } lease && lease.IsValidAt(_timeProvider.GetUtcNow());

    /// <summary>The Redis keys this cache uses (for operators and tests).</summary>
    public SnapshotKeys Keys => _keys;

    /// <summary>Completes when the first snapshot is installed, from Redis or the database.</summary>
    public Task WaitForFirstSnapshotAsync(CancellationToken cancellationToken) => _first.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Calls <paramref name="onChanged"/> with the current snapshot right away (if there is one), then with each newly
    /// installed one, on the cache's loop and one at a time; dispose the result to stop. Exceptions are logged and ignored.
    /// </summary>
    public IDisposable Subscribe(Action<SnapshotEntry> onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        lock (_notifyGate)
        {
            _subscribers.Add(onChanged);
            if (_current is { } current)
            {
                Notify(onChanged, current);
            }
        }

        return new SnapshotSubscription(() =>
        {
            lock (_notifyGate)
            {
                _subscribers.Remove(onChanged);
            }
        });
    }

    /// <summary>Stops the loop, then releases the lock so another instance takes over at once instead of after its TTL.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_lease is not { } lease)
        {
            return;
        }

        _lease = null;
        try
        {
            // Best effort: when Redis is gone or shutdown runs out of time, the lock simply lapses by its TTL.
            var multiplexer = await _redis.GetAsync(cancellationToken);
            if (multiplexer.IsConnected && await _lock.ReleaseAsync(lease, cancellationToken))
            {
                Log.Released(_logger, lease.Key);
            }
        }
        catch (Exception e)
        {
            Log.ReleaseFailed(_logger, lease.Key, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _timeProvider);
        var changeDue = false;
        while (true)
        {
            try
            {
                await RefreshOnceAsync(changeDue, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.PassFailed(_logger, _current?.ToString() ?? "nothing yet", e.Message);
            }

            changeDue = await WaitForNextPassAsync(timer, stoppingToken);
        }
    }

    private void Install(SnapshotEntry entry)
    {
        lock (_notifyGate)
        {
            _current = entry;
            Log.Installed(_logger, entry.Generation, entry.Origin, entry.Payload.Length, entry.CreatedAt);
            foreach (var subscriber in _subscribers)
            {
                Notify(subscriber, entry);
            }
        }

        _first.TrySetResult();
    }

    private void Notify(Action<SnapshotEntry> subscriber, SnapshotEntry entry)
    {
        try
        {
            subscriber(entry);
        }
        catch (Exception e)
        {
            // A subscriber's bug must not stop the cache from refreshing, nor the other subscribers from hearing of it.
            Log.SubscriberFailed(_logger, entry.Generation, e.Message);
        }
    }

    private static TimeSpan Positive(TimeSpan age) => age < TimeSpan.Zero ? TimeSpan.Zero : age;

    // Only Redis's own failures: a timeout from the database source is not a reason to fall back to that same source.
    private static bool IsRedisFailure(Exception e) => e is RedisException or RedisTimeoutException;
}
