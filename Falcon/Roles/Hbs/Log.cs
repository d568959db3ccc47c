using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Hbs;

/// <summary>The hbs role's log messages (event ids 2000-2399; Cache 2400+, Upgrade 2600+ keep their own).</summary>
internal static partial class Log
{

    [LoggerMessage(2001, LogLevel.Information, "hbs configuration generation {Generation} installed ({Hosts} hosts, {Strategies} strategies, {Expressions} expressions, from {Origin})")]
    public static partial void ConfigInstalled(ILogger logger, long generation, int hosts, int strategies, int expressions, string origin);

    [LoggerMessage(2002, LogLevel.Error, "hbs configuration snapshot generation {Generation} could not be read: {Error}")]
    public static partial void ConfigUnreadable(ILogger logger, long generation, string error);

    [LoggerMessage(2003, LogLevel.Information, "hbs dropped {Count} agents silent for more than {Expiry}")]
    public static partial void AgentsEvicted(ILogger logger, int count, TimeSpan expiry);

    [LoggerMessage(2004, LogLevel.Warning, "upgrade check for {Hostname} failed, heartbeat answered without it: {Error}")]
    public static partial void UpgradeCheckFailed(ILogger logger, string hostname, string error);

    [LoggerMessage(2005, LogLevel.Information, "hbs configuration loaded; opening the JSON-RPC port")]
    public static partial void ListenConfigurationLoaded(ILogger logger);

    [LoggerMessage(2006, LogLevel.Warning, "hbs listening without configuration: {Reason}")]
    public static partial void ListenWithoutConfiguration(ILogger logger, string reason);

    [LoggerMessage(2007, LogLevel.Information, "hbs configuration loaded {Elapsed} after the JSON-RPC port opened without it")]
    public static partial void ConfigurationLoadedLate(ILogger logger, TimeSpan elapsed);

    [LoggerMessage(2100, LogLevel.Warning, "host table write failed ({Pending} hosts pending), retrying in {Backoff}: {Error}")]
    public static partial void WriteFailed(ILogger logger, int pending, TimeSpan backoff, string error);

    [LoggerMessage(2104, LogLevel.Warning, "MySQL refused the data of a batch of {Count} host rows; writing them one by one: {Error}")]
    public static partial void BatchRefused(ILogger logger, int count, string error);

    [LoggerMessage(2105, LogLevel.Error, "host row of {Hostname} refused by MySQL, dead-lettered (not retried): {Error}")]
    public static partial void HostDeadLettered(ILogger logger, string hostname, string error);

    [LoggerMessage(2102, LogLevel.Information, "stopping: writing {Pending} pending host rows to MySQL")]
    public static partial void FlushingOnStop(ILogger logger, int pending);

    [LoggerMessage(2103, LogLevel.Information, "stopping: every pending host row is written")]
    public static partial void FlushedOnStop(ILogger logger);

    [LoggerMessage(2101, LogLevel.Error, "could not write {Pending} pending host rows before stopping: {Error}")]
    public static partial void FlushOnStopFailed(ILogger logger, int pending, string error);
}
