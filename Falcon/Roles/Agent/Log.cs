using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Agent;

/// <summary>The agent runtime's log messages (event ids 1000-1099; collectors, upgrade and NTP use the rest of 1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "collecting every {Seconds} s: {Collectors}")]
    public static partial void TierStarted(ILogger logger, int seconds, string collectors);

    [LoggerMessage(1002, LogLevel.Warning, "collector {Collector} failed and its points of this tick are dropped ({Suppressed} failures not logged since the last line): {Error}")]
    public static partial void CollectorFailed(ILogger logger, string collector, int suppressed, string error, Exception? exception);

    [LoggerMessage(1003, LogLevel.Information, "collector {Collector} works again after {Failures} failed passes over {Duration}")]
    public static partial void CollectorRecovered(ILogger logger, string collector, long failures, TimeSpan duration);

    [LoggerMessage(1004, LogLevel.Warning, "collector {Collector} ran past its next tick: {Skipped} ticks of {Seconds} s skipped")]
    public static partial void CollectorSkippedTicks(ILogger logger, string collector, long skipped, int seconds);

    [LoggerMessage(1010, LogLevel.Debug, "Transfer.Update of {Count} points to {Address} failed: {Error}")]
    public static partial void TransferCallFailed(ILogger logger, string address, int count, string error);

    [LoggerMessage(1011, LogLevel.Warning, "no transfer took the points; {Buffered} of {Capacity} buffered, retrying ({Suppressed} failures not logged since the last line): {Error}")]
    public static partial void TransferUnavailable(ILogger logger, int buffered, int capacity, int suppressed, string error);

    [LoggerMessage(1012, LogLevel.Information, "transfer {Address} takes points again after {Failures} failed attempts over {Duration}; {Buffered} points still buffered, {Dropped} dropped since start")]
    public static partial void TransferRecovered(ILogger logger, string address, long failures, TimeSpan duration, int buffered, long dropped);

    [LoggerMessage(1013, LogLevel.Warning, "transfer {Address} counted {Invalid} of {Count} points invalid")]
    public static partial void TransferCountedInvalid(ILogger logger, string address, int invalid, int count);

    [LoggerMessage(1014, LogLevel.Information, "sending {Count} buffered points to transfer before stopping (at most {Timeout})")]
    public static partial void Flushing(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(1015, LogLevel.Error, "{Count} buffered points could not be sent within {Timeout} and are lost")]
    public static partial void FlushIncomplete(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(1020, LogLevel.Information, "heartbeat as {Hostname} to hbs {Addresses} every {Interval}")]
    public static partial void HeartbeatStarting(ILogger logger, string hostname, string addresses, TimeSpan interval);

    [LoggerMessage(1021, LogLevel.Warning, "no hbs answered the heartbeat, trying again in {Interval} ({Suppressed} failures not logged since the last line): {Error}")]
    public static partial void HeartbeatFailed(ILogger logger, TimeSpan interval, int suppressed, string error);

    [LoggerMessage(1022, LogLevel.Information, "hbs {Address} answers heartbeats again after {Failures} failures over {Duration}")]
    public static partial void HeartbeatRecovered(ILogger logger, string address, long failures, TimeSpan duration);

    [LoggerMessage(1023, LogLevel.Warning, "hbs {Address} refused the heartbeat of '{Hostname}' with code {Code}")]
    public static partial void HeartbeatRefused(ILogger logger, string address, int code, string hostname);

    [LoggerMessage(1024, LogLevel.Error, "heartbeat failed unexpectedly: {Error}")]
    public static partial void HeartbeatPassFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(1025, LogLevel.Warning, "hbs {Address} asks for an upgrade to {Version}, ignored: agent.selfUpgrade is off or this build has no self-upgrade")]
    public static partial void UpgradeCommandIgnored(ILogger logger, string address, string version);

    [LoggerMessage(1026, LogLevel.Information, "hbs sent {Count} builtin metrics (checksum '{Checksum}')")]
    public static partial void BuiltinMetricsChanged(ILogger logger, int count, string checksum);

    [LoggerMessage(1027, LogLevel.Warning, "{Method} failed on every hbs: {Error}")]
    public static partial void HbsCallFailed(ILogger logger, string method, string error);
}
