using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Judge;

/// <summary>The judge role's log messages (event ids 4000-4099).</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Debug, "judge rules synced from hbs: {Hosts} hosts with strategies, {Expressions} expressions")]
    public static partial void RulesSynced(ILogger logger, int hosts, int expressions);

    [LoggerMessage(4001, LogLevel.Warning, "judge rule sync from {Servers} failed, keeping the rules of {LastSuccess}: {Error}")]
    public static partial void RuleSyncFailed(ILogger logger, string servers, string lastSuccess, string error);

    [LoggerMessage(4010, LogLevel.Warning, "judge last event at {Key} is unreadable and is treated as none")]
    public static partial void LastEventUnreadable(ILogger logger, string key);
}
