using System.Collections.Concurrent;
using System.Globalization;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Heartbeat;

/// <summary>
/// The alarm side of the pipeline heartbeat. Arrivals go to a Redis hash shared by every alarm (and to memory, which
/// carries on while Redis is away). Every check a judge silent for alarm.heartbeat.maxSilence, or no heartbeat at all
/// that long after start, fails the `pipeline-heartbeat` health check; the first alarm to claim `{key}:alerted` sends
/// the one fallback message, and the first to see the pipeline whole again clears it and says so.
/// </summary>
internal sealed class PipelineWatchdog : BackgroundService, IHealthCheck
{
    /// <summary>The health check's name on the alarm's /health.</summary>
    public const string CheckName = "pipeline-heartbeat";

    private readonly RedisConnection _redis;
    private readonly PipelineWatchOptions _options;
    private readonly FallbackNotifier _fallback;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PipelineWatchdog> _logger;
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private readonly long _startedTicks;
    private readonly string[] _queues;
    // A finished task, swapped whole: a HealthCheckResult is a struct and cannot be read atomically.
    private volatile Task<HealthCheckResult> _verdict = Task.FromResult(HealthCheckResult.Healthy("no check yet"));
    private bool _silent;
    private bool _claimedWithoutRedis;
    private FallbackMessage? _pending;

    public PipelineWatchdog(
        RedisConnection redis,
        IOptions<PipelineWatchOptions> options,
        IOptions<ConsumerOptions> consumer,
        FallbackNotifier fallback,
        TimeProvider timeProvider,
        ILogger<PipelineWatchdog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(consumer);
        _queues = [.. consumer.Value.Queues().Select(static q => q.Queue)];
        _redis = redis;
        _options = options.Value;
        _fallback = fallback;
        _timeProvider = timeProvider;
        _logger = logger;
        _startedTicks = timeProvider.GetTimestamp();
    }

    private string AlertedKey => _options.Key + ":alerted";

    /// <summary>Notes that heartbeats of these judges came through these queues now. Never throws but for cancellation.</summary>
    public async Task ArrivedAsync(IReadOnlyList<(string Queue, string Judge)> heartbeats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var judges = heartbeats.Select(static h => Field(h.Queue, h.Judge)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var judge in judges)
        {
            _arrivals[judge] = now;
        }

        try
        {
            var db = await _redis.GetDatabaseAsync(cancellationToken);
            var stamp = now.ToString(CultureInfo.InvariantCulture);
            await db.HashSetAsync(_options.Key, [.. judges.Select(j => new HashEntry(j, stamp))]).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Memory has it; the other alarms learn of this judge from its next heartbeat.
            HeartbeatLog.ArrivalNotStored(_logger, ex.Message);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => _verdict;

    /// <summary>One check: decides silent or not, announces a change once across alarms, retries an unsent message.</summary>
    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var nowMs = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        IDatabase? db = null;
        try
        {
            db = await _redis.GetDatabaseAsync(cancellationToken);
            await MergeSharedAsync(db, nowMs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            db = null;
            HeartbeatLog.SharedUnreadable(_logger, ex.Message);
        }

        var silence = Silence(nowMs);
        var verdict = silence is null
            ? HealthCheckResult.Healthy($"{_arrivals.Count} judge(s) heard within {_options.MaxSilence:c}")
            : HealthCheckResult.Unhealthy(silence);
        _verdict = Task.FromResult(verdict);

        if (silence is not null && !_silent)
        {
            _silent = true;
            HeartbeatLog.Silent(_logger, silence);
            if (await ClaimAsync(db))
            {
                _pending = new FallbackMessage(false, silence, nowMs);
            }
        }
        else if (silence is null)
        {
            var wasSilent = _silent;
            _silent = false;
            if (wasSilent)
            {
                HeartbeatLog.Recovered(_logger);
            }

            // Any healthy alarm clears a reported silence, also one reported by an alarm that stopped since.
            if (await ReleaseAsync(db))
            {
                // A silence whose message never got out needs no recovery message either.
                _pending = _pending is { Recovered: false } ? null : new FallbackMessage(true, "pipeline heartbeats come through again from every judge", nowMs);
            }
        }

        if (_pending is { } message && await _fallback.SendAsync(message, cancellationToken))
        {
            _pending = null;
        }

        return verdict;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.CheckInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    HeartbeatLog.CheckFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task MergeSharedAsync(IDatabase db, long nowMs)
    {
        var forgetBefore = nowMs - (long)_options.ForgetAfter.TotalMilliseconds;
        var forgotten = new List<RedisValue>();
        foreach (var entry in await db.HashGetAllAsync(_options.Key))
        {
            // Judges feeding queues this alarm does not consume are another pipeline's business.
            var field = entry.Name.ToString();
            if (!_queues.Any(q => field.StartsWith(q + "|", StringComparison.Ordinal)))
            {
                continue;
            }

            if (!long.TryParse(entry.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var at) || at < forgetBefore)
            {
                forgotten.Add(entry.Name);
                continue;
            }

            _arrivals.AddOrUpdate(field, at, (_, mine) => Math.Max(mine, at));
        }

        if (forgotten.Count > 0)
        {
            await db.HashDeleteAsync(_options.Key, [.. forgotten]);
        }

        foreach (var (judge, at) in _arrivals)
        {
            if (at < forgetBefore)
            {
                _arrivals.TryRemove(judge, out _);
            }
        }
    }

    // Null when every known judge was heard within maxSilence; otherwise what /health and the message say.
    private string? Silence(long nowMs)
    {
        var limit = (long)_options.MaxSilence.TotalMilliseconds;
        if (_arrivals.IsEmpty)
        {
            var since = _timeProvider.GetElapsedTime(_startedTicks);
            return since > _options.MaxSilence
                ? $"no pipeline heartbeat from any judge since this alarm started {Format(since)} ago (alarm.heartbeat.maxSilence {Format(_options.MaxSilence)}): no judge events reach this alarm"
                : null;
        }

        var silent = _arrivals
            .Where(a => nowMs - a.Value > limit)
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $"{Describe(a.Key)} silent for {Format(TimeSpan.FromMilliseconds(nowMs - a.Value))}")
            .ToList();
        return silent.Count == 0
            ? null
            : $"no pipeline heartbeat within alarm.heartbeat.maxSilence ({Format(_options.MaxSilence)}) from {silent.Count} of {_arrivals.Count} judge(s): {string.Join("; ", silent)}";
    }

    private async Task<bool> ClaimAsync(IDatabase? db)
    {
        if (db is not null)
        {
            try
            {
                return await db.StringSetAsync(AlertedKey, _timeProvider.GetUtcNow().ToUnixTimeSeconds(), _options.ForgetAfter, When.NotExists);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                HeartbeatLog.SharedUnreadable(_logger, ex.Message);
            }
        }

        // Redis away: the alarms cannot agree, so each tells once; a few messages beat none.
        _claimedWithoutRedis = true;
        return true;
    }

    private async Task<bool> ReleaseAsync(IDatabase? db)
    {
        var mine = _claimedWithoutRedis;
        _claimedWithoutRedis = false;
        if (db is not null)
        {
            try
            {
                return await db.KeyDeleteAsync(AlertedKey) || mine;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                HeartbeatLog.SharedUnreadable(_logger, ex.Message);
            }
        }

        return mine;
    }

    // A field of the arrivals hash: the queue the heartbeat came through, '|', the judge's name.
    private static string Field(string queue, string judge) => queue + "|" + judge;

    private string Describe(string field)
    {
        var queue = _queues.FirstOrDefault(q => field.StartsWith(q + "|", StringComparison.Ordinal));
        return queue is null ? field : $"{field[(queue.Length + 1)..]} (on {queue})";
    }

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture).TrimStart('0', '.') : span.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
