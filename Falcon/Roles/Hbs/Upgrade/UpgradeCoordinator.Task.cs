using Falcon.Shared.Model.Agents;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Upgrade;

internal sealed partial class UpgradeCoordinator
{
    /// <summary>Fills what a pushed task may leave out from the configuration: the download URL (hbs.upgrade.downloadUrl).</summary>
    public void ApplyDefaults(UpgradeTaskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.WgetUrl) && _options.DownloadUrl.Length > 0)
        {
            request.WgetUrl = _options.DownloadUrl;
        }
    }

    /// <summary>Stores a new task for every hbs instance, replacing any other and forgetting every host's attempts.</summary>
    /// <exception cref="ArgumentException">The request is invalid; the message names the field.</exception>
    public async Task<AgentUpgradeArgs> PushAsync(UpgradeTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ApplyDefaults(request);
        if (UpgradeTaskValidator.Validate(request) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }

        var now = _time.GetUtcNow();
        var task = UpgradeTask.Create(request, Guid.CreateVersion7(now).ToString("N"), now);
        var db = await _redis.GetDatabaseAsync(cancellationToken);
        await db.ScriptEvaluateAsync(UpgradeScripts.Push, _keys.All, task.ToHashFields());
        Log.TaskPushed(_logger, task.Id, task.Args.Version, task.Args.WgetUrl, task.Args.Type, CanaryDescription(task), task.AllowDowngrade);
        Adopt(task, now.ToUnixTimeMilliseconds());
        return task.Args;
    }

    /// <summary>Cancels the task (agents are sent nothing more); false when there was none.</summary>
    public async Task<bool> CancelAsync(CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken);
        var cancelled = (long)await db.ScriptEvaluateAsync(UpgradeScripts.Cancel, _keys.All) == 1;
        if (cancelled)
        {
            Log.TaskCancelled(_logger, _copy.Task?.Id ?? "?");
        }

        await RefreshTaskAsync(cancellationToken);
        return cancelled;
    }

    /// <summary>
    /// Pauses a running task by hand: agents are handed no new upgrade until it is resumed; those upgrading finish and
    /// are counted. False when no task is running (none, already paused, cancelled).
    /// </summary>
    public async Task<bool> PauseAsync(string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var db = await _redis.GetDatabaseAsync(cancellationToken);
        var paused = (long)await db.ScriptEvaluateAsync(UpgradeScripts.Pause, _keys.All, [reason]) == 1;
        // Adopting the paused copy logs the pause with its reason; other hbs instances see it within taskRefreshInterval,
        // and until then the heartbeat script, which reads the state in Redis, already hands out no slot.
        await RefreshTaskAsync(cancellationToken);
        return paused;
    }

    /// <summary>Resumes a paused task; false when the task is not paused.</summary>
    public async Task<bool> ResumeAsync(CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken);
        var resumed = (long)await db.ScriptEvaluateAsync(UpgradeScripts.Resume, _keys.All) == 1;
        await RefreshTaskAsync(cancellationToken);
        if (resumed)
        {
            Log.TaskResumed(_logger, _copy.Task?.Id ?? "?");
        }

        return resumed;
    }

    /// <summary>The arguments agents are sent now, read from Redis; an empty struct when no task is active (as the fork answers).</summary>
    public async Task<AgentUpgradeArgs> GetArgsAsync(CancellationToken cancellationToken)
    {
        var task = await ReadTaskAsync(cancellationToken);
        return task is { State: not UpgradeTaskState.Cancelled } ? task.Args : new AgentUpgradeArgs();
    }

    /// <summary>Re-reads the task from Redis into this instance's copy.</summary>
    public async Task RefreshTaskAsync(CancellationToken cancellationToken)
    {
        var task = await ReadTaskAsync(cancellationToken);
        Adopt(task, _time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private async Task<UpgradeTask?> ReadTaskAsync(CancellationToken cancellationToken)
    {
        var db = await _redis.GetDatabaseAsync(cancellationToken);
        var entries = await db.HashGetAllAsync(_keys.Task);
        return ParseTask(entries);
    }

    private UpgradeTask? ParseTask(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var hash = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        var task = UpgradeTask.FromHash(hash);
        if (task is null)
        {
            Log.TaskUnreadable(_logger);
        }

        return task;
    }

    // One caller at a time refreshes; the others keep answering from the current copy rather than queue on Redis.
    private async ValueTask TryRefreshAsync(long nowMs, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (await ConnectedDatabaseAsync(nowMs, cancellationToken) is null)
            {
                Volatile.Write(ref _refreshedAtMs, nowMs);
                return;
            }

            await RefreshTaskAsync(cancellationToken);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // The copy stays as it was; the next try is one interval later, not on every heartbeat.
            RedisFailed(e.Message, nowMs);
            Volatile.Write(ref _refreshedAtMs, nowMs);
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    private ValueTask ForceRefreshAsync(long nowMs, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _refreshedAtMs, Never);
        return TryRefreshAsync(nowMs, cancellationToken);
    }

    private void Adopt(UpgradeTask? task, long nowMs)
    {
        lock (_adoptLock)
        {
            var current = _copy;
            Volatile.Write(ref _refreshedAtMs, nowMs);
            if (task is null)
            {
                if (current.Task is not null)
                {
                    Log.TaskCleared(_logger);
                    _copy = UpgradeTaskCopy.None;
                }

                return;
            }

            if (current.Task?.Id != task.Id)
            {
                Log.TaskChanged(_logger, task.Id, UpgradeTask.StateName(task.State), task.Args.Version);
                _copy = new UpgradeTaskCopy(task);
                return;
            }

            if (current.Task.State != task.State)
            {
                if (task.State == UpgradeTaskState.Paused)
                {
                    Log.TaskPaused(_logger, task.Id, task.Reason ?? "paused");
                }
                else
                {
                    Log.TaskChanged(_logger, task.Id, UpgradeTask.StateName(task.State), task.Args.Version);
                }
            }

            _copy = current.With(task);
        }
    }

    private static string CanaryDescription(UpgradeTask task) => task.CanaryMode switch
    {
        1 => $"{task.Canary.Count} host(s)",
        2 => $"{task.CanaryPercent}%",
        _ => "none",
    };
}
