using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Hbs.Upgrade;

internal static partial class Log
{
    [LoggerMessage(2600, LogLevel.Information, "upgrade task {TaskId} pushed: version {Version} from {WgetUrl} (type {Type}, canary {CanaryMode}, allowDowngrade {AllowDowngrade})")]
    public static partial void TaskPushed(ILogger logger, string taskId, string version, string wgetUrl, int type, string canaryMode, bool allowDowngrade);

    [LoggerMessage(2601, LogLevel.Information, "upgrade task {TaskId} cancelled")]
    public static partial void TaskCancelled(ILogger logger, string taskId);

    [LoggerMessage(2602, LogLevel.Information, "upgrade task {TaskId} resumed")]
    public static partial void TaskResumed(ILogger logger, string taskId);

    [LoggerMessage(2603, LogLevel.Information, "upgrade task now {TaskId} ({State}) to version {Version}")]
    public static partial void TaskChanged(ILogger logger, string taskId, string state, string version);

    [LoggerMessage(2604, LogLevel.Information, "upgrade task cleared: agents are sent nothing")]
    public static partial void TaskCleared(ILogger logger);

    [LoggerMessage(2605, LogLevel.Warning, "upgrade task {TaskId} paused: {Reason}")]
    public static partial void TaskPaused(ILogger logger, string taskId, string reason);

    [LoggerMessage(2610, LogLevel.Debug, "upgrade: {Hostname} granted a slot to {Version} (attempt {Attempt})")]
    public static partial void SlotGranted(ILogger logger, string hostname, string version, long attempt);

    [LoggerMessage(2611, LogLevel.Information, "upgrade: {Hostname} failed an attempt, still at {Reported}; retry after {RetryAt:o}")]
    public static partial void AttemptFailed(ILogger logger, string hostname, string reported, DateTimeOffset retryAt);

    [LoggerMessage(2612, LogLevel.Warning, "upgrade: {Hostname} failed every attempt, still at {Reported}; not retried until the task is pushed again")]
    public static partial void HostFailed(ILogger logger, string hostname, string reported);

    [LoggerMessage(2614, LogLevel.Information, "upgrade: {Hostname} reports its attempt at {Version} {Result}: {Reason}")]
    public static partial void OutcomeReported(ILogger logger, string hostname, string version, string result, string reason);

    [LoggerMessage(2613, LogLevel.Information, "upgrade: {Count} slot(s) passed their deadline and were freed")]
    public static partial void SlotsExpired(ILogger logger, long count);

    [LoggerMessage(2620, LogLevel.Warning, "upgrade: Redis unavailable, agents are sent no upgrade until it is back: {Message}")]
    public static partial void RedisUnavailable(ILogger logger, string message);

    [LoggerMessage(2621, LogLevel.Warning, "upgrade: the task in Redis could not be read (written by another Falcon version?); ignored")]
    public static partial void TaskUnreadable(ILogger logger);
}
