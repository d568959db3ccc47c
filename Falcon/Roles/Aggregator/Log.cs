using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Aggregator;

/// <summary>The aggregator role's log messages (event ids 6000-6999).</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "aggregator read {Count} definitions, {Problems} rows skipped")]
    public static partial void DefinitionsLoaded(ILogger logger, int count, int problems);

    [LoggerMessage(6001, LogLevel.Warning, "aggregator skips {Key}: {Problem}")]
    public static partial void DefinitionSkipped(ILogger logger, string key, string problem);

    [LoggerMessage(6002, LogLevel.Warning, "aggregator could not read definitions, keeping the {Count} it has: {Error}")]
    public static partial void DefinitionsReadFailed(ILogger logger, int count, string error);

    [LoggerMessage(6010, LogLevel.Information, "aggregator live instances now {Count}: {Instances}")]
    public static partial void LiveInstancesChanged(ILogger logger, int count, string instances);

    [LoggerMessage(6011, LogLevel.Warning, "aggregator could not register in Redis, computing nothing until it can: {Error}")]
    public static partial void RegistrationFailed(ILogger logger, string error);

    [LoggerMessage(6020, LogLevel.Warning, "aggregator step {Step} of {Key} failed and will be computed again: {Error}")]
    public static partial void StepFailed(ILogger logger, string key, string step, string error);

    [LoggerMessage(6021, LogLevel.Warning, "aggregator computed step {Step} of {Key} on a stale host list (hbs unreachable)")]
    public static partial void StaleHostList(ILogger logger, string key, string step);

    [LoggerMessage(6030, LogLevel.Warning, "aggregator hbs failed for {Group}, using the list of {Since}: {Error}")]
    public static partial void HostListStale(ILogger logger, string group, DateTimeOffset since, string error);

    [LoggerMessage(6040, LogLevel.Warning, "aggregator push of {Count} points to transfer {Address} failed (attempt {Attempt}): {Error}")]
    public static partial void PushFailed(ILogger logger, string address, int count, int attempt, string error);

    [LoggerMessage(6041, LogLevel.Warning, "aggregator push to transfer {Address}: {Invalid} of {Count} points refused as invalid")]
    public static partial void PointsRefused(ILogger logger, string address, int invalid, int count);

    [LoggerMessage(6042, LogLevel.Information, "aggregator pushes results to transfer {Destination}")]
    public static partial void PushingTo(ILogger logger, string destination);
}
