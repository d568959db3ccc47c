using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>Log messages of the alarm dry run (event ids 5800-5819).</summary>
internal static partial class DryRunLog
{
    [LoggerMessage(5800, LogLevel.Information, "alarm dry run of {EventId} (action {ActionId}) for {Remote}: {Recipients} recipients, nothing sent")]
    public static partial void Ran(ILogger logger, string eventId, long actionId, int recipients, string remote);

    [LoggerMessage(5801, LogLevel.Warning, "alarm dry run refused to {Remote}: not loopback and no valid admin token")]
    public static partial void AccessRefused(ILogger logger, string remote);
}
