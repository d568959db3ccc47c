using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Retention;

internal static partial class RetentionLog
{
    [LoggerMessage(5009, LogLevel.Information, "alarm retention: deleted {Events} events and {Cases} cases older than {Before:u}, {DeadLetters} dead letters")]
    public static partial void Cleaned(ILogger logger, long events, long cases, DateTimeOffset before, long deadLetters);

    [LoggerMessage(5010, LogLevel.Warning, "alarm retention cleanup failed, trying again in {Interval}: {Error}")]
    public static partial void Failed(ILogger logger, TimeSpan interval, string error);
}
