using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Heartbeat;

/// <summary>Log messages of the alarm pipeline's heartbeat watch (event ids 5700-5719).</summary>
internal static partial class HeartbeatLog
{
    [LoggerMessage(5700, LogLevel.Error, "alarm pipeline silent: {Silence}")]
    public static partial void Silent(ILogger logger, string silence);

    [LoggerMessage(5701, LogLevel.Information, "alarm pipeline heartbeats come through again")]
    public static partial void Recovered(ILogger logger);

    [LoggerMessage(5702, LogLevel.Warning, "alarm pipeline heartbeat: the arrival could not be stored in Redis (kept in memory): {Error}")]
    public static partial void ArrivalNotStored(ILogger logger, string error);

    [LoggerMessage(5703, LogLevel.Warning, "alarm pipeline heartbeat: Redis unreadable, judging from this alarm's own arrivals: {Error}")]
    public static partial void SharedUnreadable(ILogger logger, string error);

    [LoggerMessage(5704, LogLevel.Information, "alarm pipeline heartbeat: {Status} message sent to the fallback receiver at {Receiver}")]
    public static partial void FallbackSent(ILogger logger, string status, string receiver);

    [LoggerMessage(5705, LogLevel.Error, "alarm pipeline heartbeat: the {Status} message to the fallback receiver failed, retrying at the next check: {Error}")]
    public static partial void FallbackFailed(ILogger logger, string status, string error);

    [LoggerMessage(5706, LogLevel.Error, "alarm pipeline heartbeat: a check failed")]
    public static partial void CheckFailed(ILogger logger, Exception exception);
}
