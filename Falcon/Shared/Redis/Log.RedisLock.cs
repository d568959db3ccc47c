using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Redis;

internal static partial class Log
{
    [LoggerMessage(9310, LogLevel.Warning, "Redis lock {Key} had no TTL and its holder's time had run out ({Value}); taken over")]
    public static partial void StaleLockTakenOver(ILogger logger, string key, string value);
}
