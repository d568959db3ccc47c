using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Search;

/// <summary>Alarm search log messages, ids 5600-5649.</summary>
internal static partial class SearchLog
{
    [LoggerMessage(5600, LogLevel.Debug, "alarm search by {Caller}: {Count} case(s)")]
    public static partial void Searched(ILogger logger, string caller, int count);

    [LoggerMessage(5601, LogLevel.Information, "alarm search refused for {Remote} ({Status}): {Reason}")]
    public static partial void Refused(ILogger logger, string remote, int status, string reason);

    [LoggerMessage(5602, LogLevel.Warning, "alarm search failed, MySQL unavailable: {Message}")]
    public static partial void DatabaseFailed(ILogger logger, string message);

    [LoggerMessage(5603, LogLevel.Warning, "alarm search: cannot reload actions from falcon_portal, keeping the map loaded at {LoadedAt:o}: {Message}")]
    public static partial void VisibilityReloadFailed(ILogger logger, DateTimeOffset loadedAt, string message);

    [LoggerMessage(5604, LogLevel.Debug, "alarm search: loaded {Actions} action(s), {Templates} template(s) and {Expressions} expression(s) with actions from falcon_portal")]
    public static partial void VisibilityLoaded(ILogger logger, int actions, int templates, int expressions);
}
