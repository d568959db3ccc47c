using System.Globalization;
using Falcon.Shared.Model.Agents;
using Falcon.Shared.Releases;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>
/// Fleet upgrade orchestration shared by every hbs instance through Redis: decides, on each heartbeat, whether an
/// agent is sent the upgrade command, under a fleet-wide cap on agents upgrading at once.
/// </summary>
/// <remarks>
/// The fork checked `SCARD agent_upgrade_set` then `SADD`ed (racy across instances) under one TTL for the whole set
/// (a dead host's slot leaked while others kept arriving), re-sent the command to failed hosts every minute and
/// downgraded as readily as it upgraded. Here every decision is one Lua script over keys of one hash slot
/// (<see cref="UpgradeKeys"/>): a ZSET of hostname → deadline holds the slots, expired members are freed and counted
/// as failed attempts in the same script that hands out new ones, and attempts, backoff, canaries and the automatic
/// pause live beside it.
/// An agent that reports <c>InUpgrading</c> gets nothing and its slot is not extended: the slot timeout is the whole
/// budget of one attempt, so a wedged agent (the fork's download had no timeout) cannot hold a slot for ever, and
/// heartbeats of upgrading agents cost no Redis write. Size <c>hbs.upgrade.slotTimeout</c> above download plus restart.
/// </remarks>
internal sealed partial class UpgradeCoordinator
{
    /// <summary>At most this many failed hosts are listed by the status (the counts are always complete).</summary>
    public const int MaxFailedHostsListed = 1000;

    // Far enough in the past that "now - it" is always due, yet without overflowing the subtraction.
    private const long Never = long.MinValue / 2;

    private static readonly TimeSpan RedisWarningInterval = TimeSpan.FromMinutes(1);

    private readonly RedisConnection _redis;
    private readonly HbsUpgradeOptions _options;
    private readonly TimeProvider _time;
    private readonly UpgradeMetrics _metrics;
    private readonly ILogger<UpgradeCoordinator> _logger;
    private readonly UpgradeKeys _keys;
    private readonly Lock _adoptLock = new();
    private volatile UpgradeTaskCopy _copy = UpgradeTaskCopy.None;
    private long _refreshedAtMs = Never;
    private long _redisWarnedAtMs = Never;
    private int _refreshing;

    public UpgradeCoordinator(
        RedisConnection redis,
        IOptions<HbsUpgradeOptions> options,
        TimeProvider timeProvider,
        UpgradeMetrics metrics,
        ILogger<UpgradeCoordinator> logger)
    {
        _redis = redis;
        _options = options.Value;
        _time = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _keys = new UpgradeKeys(_options.KeyPrefix);
    }

    /// <summary>The keys this coordinator works on (for tests and for operators' documentation).</summary>
    public UpgradeKeys Keys => _keys;

    /// <summary>
    /// Called by `Agent.ReportStatus`: the upgrade arguments to put in the reply, or null. Costs no Redis call while no
    /// task is active (beyond one read per refresh interval), and at most one script call for a host that still needs
    /// the upgrade. Never throws for Redis failures: the agent then simply gets no command this time. The arguments
    /// returned are one shared instance: serialize them, never modify them.
    /// </summary>
    public async ValueTask<AgentUpgradeArgs?> OnHeartbeatAsync(AgentReportRequest request, CancellationToken cancellationToken)
    {
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (nowMs - Volatile.Read(ref _refreshedAtMs) >= (long)_options.TaskRefreshInterval.TotalMilliseconds)
        {
            await TryRefreshAsync(nowMs, cancellationToken);
        }

        var copy = _copy;
        if (copy.Task is not { State: not UpgradeTaskState.Cancelled } task || string.IsNullOrEmpty(request.Hostname))
        {
            return null;
        }

        var host = request.Hostname;
        try
        {
            if (ReleaseVersion.AreSame(request.AgentVersion, task.Args.Version))
            {
                if (!copy.Done.ContainsKey(host))
                {
                    await MarkDoneAsync(copy, task, host, nowMs, cancellationToken);
                }

                return null;
            }

            copy.Done.TryRemove(host, out _);
            var outcome = RelevantOutcome(request, task);
            if (outcome is not null && (!copy.Outcomes.TryGetValue(host, out var recorded) || recorded != outcome.At))
            {
                await RecordOutcomeAsync(copy, task, host, outcome, nowMs, cancellationToken);
            }

            if (request.InUpgrading || task.State != UpgradeTaskState.Running)
            {
                return null;
            }

            if (!task.AllowDowngrade && ReleaseVersion.Compare(request.AgentVersion, task.Args.Version) > 0)
            {
                return null;
            }

            if (copy.NotBefore.TryGetValue(host, out var notBefore) && nowMs < notBefore)
            {
                return null;
            }

            return await RequestSlotAsync(copy, task, request, outcome, nowMs, cancellationToken);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            RedisFailed(e.Message, nowMs);
            return null;
        }
    }

    // An agent's report of its failed attempt counts for this task only: the same version (7.1 = 7.1.0), since the push.
    private static AgentUpgradeOutcome? RelevantOutcome(AgentReportRequest request, UpgradeTask task) =>
        request.Upgrade is { Version.Length: > 0, Result.Length: > 0 } outcome
        && ReleaseVersion.AreSame(outcome.Version, task.Args.Version)
        && outcome.At >= task.Created.ToUnixTimeMilliseconds()
            ? outcome
            : null;

    private static string OneLine(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ").Replace('|', '/');
        return line.Length > max ? line[..max] : line;
    }

    private async ValueTask RecordOutcomeAsync(UpgradeTaskCopy copy, UpgradeTask task, string host, AgentUpgradeOutcome outcome, long nowMs, CancellationToken cancellationToken)
    {
        if (await ConnectedDatabaseAsync(nowMs, cancellationToken) is not { } db)
        {
            return;
        }

        RedisValue[] args = [.. CommonArgs(task.Id, nowMs), host, OneLine(outcome.Result, 16), outcome.At, OneLine(outcome.Reason, 500)];
        var (code, _) = Read(await db.ScriptEvaluateAsync(UpgradeScripts.RecordOutcome, _keys.All, args));
        if (code == UpgradeScripts.Stale)
        {
            await ForceRefreshAsync(nowMs, cancellationToken);
            return;
        }

        copy.Outcomes[host] = outcome.At;
        Log.OutcomeReported(_logger, host, outcome.Version, outcome.Result, outcome.Reason);
    }

    private async ValueTask<AgentUpgradeArgs?> RequestSlotAsync(UpgradeTaskCopy copy, UpgradeTask task, AgentReportRequest request, AgentUpgradeOutcome? outcome, long nowMs, CancellationToken cancellationToken)
    {
        var host = request.Hostname;
        if (await ConnectedDatabaseAsync(nowMs, cancellationToken) is not { } db)
        {
            return null;
        }

        RedisValue[] args =
        [
            .. CommonArgs(task.Id, nowMs),
            host,
            request.AgentVersion,
            nowMs + (long)_options.SlotTimeout.TotalMilliseconds,
            _options.MaxConcurrent,
            task.IsCanary(host) ? 1 : 0,
            task.CanaryMode,
            task.Canary.Count,
            (long)_options.CanaryWindow.TotalMilliseconds,
            outcome is null ? string.Empty : OneLine(outcome.Reason, 500),
            outcome is null ? string.Empty : OneLine(outcome.Result, 16),
        ];
        var (code, value) = Read(await db.ScriptEvaluateAsync(UpgradeScripts.Heartbeat, _keys.All, args));
        switch (code)
        {
            case UpgradeScripts.Granted:
                _metrics.Granted();
                Log.SlotGranted(_logger, host, task.Args.Version, value);
                return task.Args;
            case UpgradeScripts.BackingOff:
                copy.NotBefore[host] = value;
                _metrics.Deferred("backoff");
                return null;
            case UpgradeScripts.HostFailed:
                copy.NotBefore[host] = long.MaxValue;
                return null;
            case UpgradeScripts.AttemptFailed:
                copy.NotBefore[host] = value < 0 ? long.MaxValue : value;
                _metrics.AttemptFailed(hostFailed: value < 0);
                if (value < 0)
                {
                    Log.HostFailed(_logger, host, request.AgentVersion);
                }
                else
                {
                    Log.AttemptFailed(_logger, host, request.AgentVersion, DateTimeOffset.FromUnixTimeMilliseconds(value));
                }

                return null;
            case UpgradeScripts.Full:
                _metrics.Deferred("full");
                return null;
            case UpgradeScripts.CanaryWait:
                _metrics.Deferred("canary");
                return null;
            default:
                // The task changed under this copy (pushed, paused, cancelled elsewhere): re-read it now.
                await ForceRefreshAsync(nowMs, cancellationToken);
                return null;
        }
    }

    private async ValueTask MarkDoneAsync(UpgradeTaskCopy copy, UpgradeTask task, string host, long nowMs, CancellationToken cancellationToken)
    {
        if (await ConnectedDatabaseAsync(nowMs, cancellationToken) is not { } db)
        {
            return;
        }

        RedisValue[] args = [.. CommonArgs(task.Id, nowMs), host, task.IsCanary(host) ? 1 : 0];
        var (code, newly) = Read(await db.ScriptEvaluateAsync(UpgradeScripts.MarkDone, _keys.All, args));
        if (code != UpgradeScripts.Done)
        {
            await ForceRefreshAsync(nowMs, cancellationToken);
            return;
        }

        copy.Done.TryAdd(host, 0);
        copy.NotBefore.TryRemove(host, out _);
        if (newly == 1)
        {
            _metrics.Completed();
        }
    }

    // While Redis is unreachable a command would wait for the connection up to its timeout (5 s by default); a
    // heartbeat must not, so the heartbeat path skips the upgrade decision instead.
    private async ValueTask<IDatabase?> ConnectedDatabaseAsync(long nowMs, CancellationToken cancellationToken)
    {
        var multiplexer = await _redis.GetAsync(cancellationToken);
        if (multiplexer.IsConnected)
        {
            return multiplexer.GetDatabase();
        }

        RedisFailed("not connected", nowMs);
        return null;
    }

    private RedisValue[] CommonArgs(string taskId, long nowMs) =>
    [
        taskId,
        nowMs,
        _options.MaxAttempts,
        (long)_options.RetryBackoff.TotalMilliseconds,
        _options.FailurePauseRatio.ToString("R", CultureInfo.InvariantCulture),
        _options.FailurePauseMinSample,
    ];

    // Every script replies {code, value, expired slots swept, ...}.
    private (long Code, long Value) Read(RedisResult result)
    {
        var reply = (RedisResult[])result!;
        var swept = (long)reply[2];
        if (swept > 0)
        {
            _metrics.SlotsExpired(swept);
            Log.SlotsExpired(_logger, swept);
        }

        return ((long)reply[0], (long)reply[1]);
    }

    private void RedisFailed(string message, long nowMs)
    {
        _metrics.RedisError();
        // Once a minute at most: with Redis down every heartbeat would log otherwise.
        var warned = Volatile.Read(ref _redisWarnedAtMs);
        if (nowMs - warned >= (long)RedisWarningInterval.TotalMilliseconds && Interlocked.CompareExchange(ref _redisWarnedAtMs, nowMs, warned) == warned)
        {
            Log.RedisUnavailable(_logger, message);
        }
    }
}
