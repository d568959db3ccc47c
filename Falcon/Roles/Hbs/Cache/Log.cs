using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>The snapshot cache's log messages (hbs event ids 2400-2499).</summary>
internal static partial class Log
{
    [LoggerMessage(2400, LogLevel.Information, "hbs cache: took the refresh lock {Key}; this instance now loads and publishes the configuration")]
    public static partial void BecameLeader(ILogger logger, string key);

    [LoggerMessage(2401, LogLevel.Warning, "hbs cache: lost the refresh lock {Key} (expired or taken over); publishing stops here")]
    public static partial void LostLock(ILogger logger, string key);

    [LoggerMessage(2402, LogLevel.Information, "hbs cache: published generation {Generation} ({Bytes} bytes, {Compressed} in Redis) as {Key}")]
    public static partial void Published(ILogger logger, long generation, int bytes, int compressed, string key);

    [LoggerMessage(2403, LogLevel.Debug, "hbs cache: installed generation {Generation} from {Origin} ({Bytes} bytes, created {CreatedAt:O})")]
    public static partial void Installed(ILogger logger, long generation, SnapshotOrigin origin, int bytes, DateTimeOffset createdAt);

    [LoggerMessage(2404, LogLevel.Warning, "hbs cache: no fresh snapshot in Redis ({Reason}); loading the configuration from the database")]
    public static partial void FallingBack(ILogger logger, string reason);

    [LoggerMessage(2405, LogLevel.Error, "hbs cache: refresh failed, still serving {Served}: {Error}")]
    public static partial void PassFailed(ILogger logger, string served, string error);

    [LoggerMessage(2406, LogLevel.Warning, "hbs cache: Redis unavailable, serving from memory and the database: {Error}")]
    public static partial void RedisUnavailable(ILogger logger, string error);

    [LoggerMessage(2407, LogLevel.Information, "hbs cache: Redis is answering again")]
    public static partial void RedisRecovered(ILogger logger);

    [LoggerMessage(2408, LogLevel.Warning, "hbs cache: published generation {Generation} at {Key} is unusable ({Reason}): {Detail}")]
    public static partial void SnapshotUnusable(ILogger logger, long generation, string key, string reason, string detail);

    [LoggerMessage(2409, LogLevel.Information, "hbs cache: another instance holds the refresh lock and has not published yet; waiting for it")]
    public static partial void WaitingForLeader(ILogger logger);

    [LoggerMessage(2410, LogLevel.Error, "hbs cache: a snapshot subscriber failed on generation {Generation}: {Error}")]
    public static partial void SubscriberFailed(ILogger logger, long generation, string error);

    [LoggerMessage(2411, LogLevel.Warning, "hbs cache: generation {Generation} loaded but not published ({Why}); serving it here only")]
    public static partial void NotPublished(ILogger logger, long generation, string why);

    [LoggerMessage(2412, LogLevel.Information, "hbs cache: released the refresh lock {Key}")]
    public static partial void Released(ILogger logger, string key);

    [LoggerMessage(2413, LogLevel.Warning, "hbs cache: could not release the refresh lock {Key}; it lapses by its TTL: {Error}")]
    public static partial void ReleaseFailed(ILogger logger, string key, string error);

    [LoggerMessage(2414, LogLevel.Information, "hbs cache: reloaded on a configuration change signal; generation {Generation} announced ({Heard} subscribers heard it)")]
    public static partial void ChangeApplied(ILogger logger, long generation, long heard);

    [LoggerMessage(2415, LogLevel.Warning, "hbs cache: generation {Generation} holds a signalled change but could not be announced; other instances and judges pick it up at their next poll: {Error}")]
    public static partial void AppliedNotAnnounced(ILogger logger, long generation, string error);

    [LoggerMessage(2416, LogLevel.Warning, "hbs cache: cannot subscribe to the configuration change signal yet ({Error}); changes take effect at the refresh interval until it succeeds, retrying")]
    public static partial void SignalSubscribeFailed(ILogger logger, string error);

    [LoggerMessage(2417, LogLevel.Information, "hbs cache: listening for configuration changes on {Changed} and {Applied}")]
    public static partial void SignalSubscribed(ILogger logger, string changed, string applied);

    [LoggerMessage(2418, LogLevel.Information, "hbs cache: the configuration change signal is off (hbs.cache.changeSignal); changes take effect at the refresh interval")]
    public static partial void SignalOff(ILogger logger);
}
