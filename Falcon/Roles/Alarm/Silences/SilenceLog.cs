using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>Silence log messages, ids 5500-5599; the added/removed lines are the audit trail of who silenced what.</summary>
internal static partial class SilenceLog
{
    [LoggerMessage(5500, LogLevel.Information, "silence {Id} set by {CreatedBy} via {Source}: {Counter} on {Endpoint} for {User} until {Until:o} ({Comment})")]
    public static partial void Added(ILogger logger, string id, string createdBy, string source, string counter, string endpoint, string user, DateTimeOffset until, string comment);

    [LoggerMessage(5501, LogLevel.Information, "silence {Id} removed by {Caller}")]
    public static partial void Removed(ILogger logger, string id, string caller);

    [LoggerMessage(5502, LogLevel.Warning, "silence link refused ({Reason}) from {Remote}")]
    public static partial void LinkRefused(ILogger logger, string reason, string remote);

    [LoggerMessage(5503, LogLevel.Warning, "silence API call from {Remote} refused: not loopback and no valid admin token")]
    public static partial void AccessRefused(ILogger logger, string remote);

    [LoggerMessage(5510, LogLevel.Debug, "silences reloaded from Redis: {Count} held")]
    public static partial void Reloaded(ILogger logger, int count);

    [LoggerMessage(5511, LogLevel.Warning, "silences: Redis unavailable, keeping the {Count} silence(s) already held until it is back: {Message}")]
    public static partial void ReloadFailed(ILogger logger, int count, string message);

    [LoggerMessage(5512, LogLevel.Warning, "silences: cannot subscribe to change notifications yet (changes from other instances arrive with the periodic reload): {Message}")]
    public static partial void SubscribeFailed(ILogger logger, string message);

    [LoggerMessage(5513, LogLevel.Warning, "silences: {Count} entr(y/ies) in Redis could not be read (written by another Falcon version?) and are ignored")]
    public static partial void Unreadable(ILogger logger, int count);
}
