using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Redis;

internal static partial class Log
{
    [LoggerMessage(9300, LogLevel.Information, "Redis {Configuration}: connected={Connected}")]
    public static partial void Connected(ILogger logger, string configuration, bool connected);

    [LoggerMessage(9301, LogLevel.Warning, "Redis connection to {EndPoint} failed ({FailureType}): {Message}")]
    public static partial void ConnectionFailed(ILogger logger, string endPoint, string failureType, string message);

    [LoggerMessage(9302, LogLevel.Information, "Redis connection to {EndPoint} restored")]
    public static partial void ConnectionRestored(ILogger logger, string endPoint);
}
