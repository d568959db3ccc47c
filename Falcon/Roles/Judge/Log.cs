using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Judge;

/// <summary>The judge role's log messages (event ids 4000-4099).</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Debug, "judge rules synced from hbs: {Hosts} hosts with strategies, {Expressions} expressions")]
    public static partial void RulesSynced(ILogger logger, int hosts, int expressions);

    [LoggerMessage(4001, LogLevel.Warning, "judge rule sync from {Servers} failed, keeping the rules of {LastSuccess}: {Error}")]
    public static partial void RuleSyncFailed(ILogger logger, string servers, string lastSuccess, string error);

    [LoggerMessage(4002, LogLevel.Warning, "judge cannot subscribe to hbs's configuration change announcements yet ({Error}); rules follow judge.syncInterval until it succeeds, retrying")]
    public static partial void ChangeSignalSubscribeFailed(ILogger logger, string error);

    [LoggerMessage(4003, LogLevel.Information, "judge re-syncs its rules when hbs announces a configuration change on {Channel}")]
    public static partial void ChangeSignalSubscribed(ILogger logger, string channel);

    [LoggerMessage(4010, LogLevel.Warning, "judge last event at {Key} is unreadable and is treated as none")]
    public static partial void LastEventUnreadable(ILogger logger, string key);

    [LoggerMessage(4020, LogLevel.Error, "judge failed a batch of {Count} points; they were not judged")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(4021, LogLevel.Warning, "judge stopped with {Count} points not judged")]
    public static partial void PointsAbandonedAtStop(ILogger logger, long count);

    [LoggerMessage(4022, LogLevel.Information, "judge forgot {Count} series without a point for longer than judge.seriesIdleTimeout")]
    public static partial void SeriesPurged(ILogger logger, int count);

    [LoggerMessage(4011, LogLevel.Warning, "judge could not read the last events of {Count} rules from Redis, judging from memory for now: {Error}")]
    public static partial void LastEventsUnavailable(ILogger logger, int count, string error);

    [LoggerMessage(4030, LogLevel.Warning, "judge could not push event {EventId} to Redis (attempt {Attempt}), retrying: {Error}")]
    public static partial void EventPublishFailed(ILogger logger, string eventId, int attempt, string error);

    [LoggerMessage(4032, LogLevel.Error, "judge dropped event {EventId} of {Endpoint} {Metric}: it cannot be written as a judge event ({Error}); the events after it go on")]
    public static partial void EventUnpublishable(ILogger logger, string eventId, string endpoint, string metric, string error);

    [LoggerMessage(4031, LogLevel.Error, "judge stopped with about {Count} events not pushed to Redis")]
    public static partial void EventsAbandonedAtStop(ILogger logger, int count);

    [LoggerMessage(4045, LogLevel.Information, "judge share of the series: {Share}")]
    public static partial void ShareAssigned(ILogger logger, string share);

    [LoggerMessage(4060, LogLevel.Information, "judge pipeline heartbeat as {Name} every {Interval}")]
    public static partial void HeartbeatStarted(ILogger logger, string name, TimeSpan interval);

    [LoggerMessage(4040, LogLevel.Warning, "Judge.Send: {Invalid} invalid items skipped, first: {FirstError}")]
    public static partial void InvalidItems(ILogger logger, int invalid, string firstError);
}
