using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Cache;

internal sealed partial class SnapshotCache
{
    private long _unusableGeneration = -1;
    private string _unusableReason = string.Empty;

    /// <summary>One pass of the loop: hold or seek the lock, publish when due, else follow the pointer; fall back to the database when nothing fresh is to be had. Tests drive it directly.</summary>
    internal Task RefreshOnceAsync(CancellationToken cancellationToken) => RefreshOnceAsync(changeDue: false, cancellationToken);

    /// <summary>One pass; with <paramref name="changeDue"/> (a change signal was heard) the holder publishes now, whatever the pointer's age.</summary>
    internal async Task RefreshOnceAsync(bool changeDue, CancellationToken cancellationToken)
    {
        string? reason;
        var leaderElsewhere = false;
        try
        {
            var db = await ConnectedDatabaseAsync(cancellationToken);
            leaderElsewhere = !await HoldLockAsync(cancellationToken);
            reason = await SyncWithRedisAsync(db, changeDue, cancellationToken);
            if (_redisDown)
            {
                _redisDown = false;
                Log.RedisRecovered(_logger);
            }
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            if (!_redisDown)
            {
                _redisDown = true;
                Log.RedisUnavailable(_logger, e.Message);
            }

            reason = FallbackReason.RedisUnavailable;
        }

        var now = _timeProvider.GetUtcNow();
        if (_current is { } current && current.AgeAt(now) <= _options.MaxAge)
        {
            return;
        }

        reason ??= FallbackReason.SnapshotStale;
        if (_current is null && leaderElsewhere && reason == FallbackReason.PointerMissing && now - _startedAt < _options.RefreshInterval)
        {
            // Cold start: the holder is loading the first snapshot; every instance querying MySQL at once is what the fork did.
            Log.WaitingForLeader(_logger);
            return;
        }

        await LoadFromDatabaseAsync(reason, cancellationToken);
    }

    private async Task<IDatabase> ConnectedDatabaseAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await _redis.GetAsync(cancellationToken);

        // A disconnected multiplexer would hold each command in its backlog until the timeout: skip Redis at once instead.
        return multiplexer.IsConnected
            ? multiplexer.GetDatabase()
            : throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected to Redis");
    }

    /// <summary>Renews the lease this instance holds, or tries to take the lock; true when this instance holds it.</summary>
    private async Task<bool> HoldLockAsync(CancellationToken cancellationToken)
    {
        if (_lease is { } lease)
        {
            if (await _lock.RenewAsync(lease, _options.LockTtl, cancellationToken))
            {
                return true;
            }

            _lease = null;
            Log.LostLock(_logger, lease.Key);
        }

        if (await _lock.TryAcquireAsync(_keys.Lock, _options.LockTtl, cancellationToken) is not { } acquired)
        {
            return false;
        }

        _lease = acquired;
        Log.BecameLeader(_logger, acquired.Key);
        return true;
    }

    /// <summary>Publishes when this instance holds the lock and a refresh is due, else installs a newer published snapshot; returns why nothing fresh came from Redis, or null.</summary>
    private async Task<string?> SyncWithRedisAsync(IDatabase db, bool changeDue, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var value = (byte[]?)await db.StringGetAsync(_keys.Pointer).WaitAsync(cancellationToken);
        var pointer = value is null ? null : SnapshotPointer.TryParse(value);

        // The pointer's age, not this instance's own clock of refreshes, says when to refresh: a new holder does not reload early.
        if (_lease is not null && (changeDue || pointer is null || pointer.AgeAt(now) >= _options.RefreshInterval || pointer.Generation == _unusableGeneration))
        {
            var published = await PublishAsync(db, cancellationToken);
            if (changeDue)
            {
                await AnnounceAppliedAsync(db, published, cancellationToken);
            }

            return null;
        }

        var reason = await FollowAsync(db, pointer, now, cancellationToken);
        if (_lease is not null && reason is FallbackReason.SnapshotMissing or FallbackReason.SnapshotCorrupt)
        {
            _ = await PublishAsync(db, cancellationToken);
            return null;
        }

        return reason;
    }

    private async Task<string?> FollowAsync(IDatabase db, SnapshotPointer? pointer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pointer is null)
        {
            return FallbackReason.PointerMissing;
        }

        if (pointer.AgeAt(now) > _options.MaxAge)
        {
            return FallbackReason.SnapshotStale;
        }

        if (_current is { } current && (current.Generation == pointer.Generation || current.CreatedAt >= pointer.CreatedAt))
        {
            return null;
        }

        if (pointer.Generation == _unusableGeneration)
        {
            return _unusableReason;
        }

        var value = await db.StringGetAsync(pointer.Key).WaitAsync(cancellationToken);
        string reason;
        string detail;
        if (value.IsNull)
        {
            (reason, detail) = (FallbackReason.SnapshotMissing, "the key has expired or was deleted");
        }
        else
        {
            try
            {
                var entry = SnapshotCodec.Decode((byte[])value!, SnapshotOrigin.Redis);
                if (entry.Generation == pointer.Generation)
                {
                    Install(entry);
                    return null;
                }

                (reason, detail) = (FallbackReason.SnapshotCorrupt, $"it holds generation {entry.Generation}");
            }
            catch (InvalidDataException e)
            {
                (reason, detail) = (FallbackReason.SnapshotCorrupt, e.Message);
            }
        }

        // Remembered so a broken generation is not fetched again at every poll; the next publication replaces it.
        (_unusableGeneration, _unusableReason) = (pointer.Generation, reason);
        Log.SnapshotUnusable(_logger, pointer.Generation, pointer.Key, reason, detail);
        return reason;
    }

    /// <summary>Loads and publishes a snapshot; returns its generation, or null when it was served here only (not published).</summary>
    private async Task<long?> PublishAsync(IDatabase db, CancellationToken cancellationToken)
    {
        var lease = _lease ?? throw new InvalidOperationException("publishing without the lock");
        var createdAt = _timeProvider.GetUtcNow();
        var payload = await _source.LoadAsync(cancellationToken);
        long generation = 0;
        string why;
        try
        {
            generation = (long)await db.ScriptEvaluateAsync(SnapshotCacheScripts.NextGeneration, [_keys.Generation, _keys.Pointer]).WaitAsync(cancellationToken);
            var key = _keys.Snapshot(generation);
            var value = SnapshotCodec.Encode(generation, createdAt, payload);
            await db.StringSetAsync(key, value, _options.SnapshotTtl).WaitAsync(cancellationToken);
            var pointer = new SnapshotPointer(generation, createdAt, key, payload.Length);
            var result = await _lock.ExecuteIfHeldAsync(
                lease,
                SnapshotCacheScripts.Publish,
                [_keys.Pointer],
                [pointer.ToJson(), generation, (long)Math.Ceiling(_options.SnapshotTtl.TotalMilliseconds)],
                cancellationToken);
            if (result is not null && (long)result == 1)
            {
                _metrics.Published();
                Log.Published(_logger, generation, payload.Length, value.Length, key);
                Install(new SnapshotEntry(generation, createdAt, payload, SnapshotOrigin.Published));
                return generation;
            }

            if (result is null)
            {
                _lease = null;
                Log.LostLock(_logger, lease.Key);
                why = "the lock was lost meanwhile";
            }
            else
            {
                why = "a newer generation is already published";
            }

            // Never made current: drop it now rather than leave megabytes in Redis until its TTL.
            await db.KeyDeleteAsync(key, CommandFlags.FireAndForget).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (IsRedisFailure(e))
        {
            // Fresh data from the database is still worth serving here, though no one else will see it.
            Log.NotPublished(_logger, generation, e.Message);
            Install(new SnapshotEntry(0, createdAt, payload, SnapshotOrigin.Database));
            throw;
        }

        Log.NotPublished(_logger, generation, why);
        Install(new SnapshotEntry(0, createdAt, payload, SnapshotOrigin.Database));
        return null;
    }

    private async Task LoadFromDatabaseAsync(string reason, CancellationToken cancellationToken)
    {
        Log.FallingBack(_logger, reason);
        _metrics.FellBack(reason);
        var createdAt = _timeProvider.GetUtcNow();
        var payload = await _source.LoadAsync(cancellationToken);
        Install(new SnapshotEntry(0, createdAt, payload, SnapshotOrigin.Database));
    }
}
