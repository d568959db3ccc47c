using Microsoft.Extensions.Logging;

namespace Falcon.Roles.ApiProxy;

/// <summary>The apiproxy role's log messages (event ids 7000-7999).</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Warning, "datacenter {Datacenter} left out of a {Route} answer: {Reason}: {Error}")]
    public static partial void DatacenterFailed(ILogger logger, string datacenter, string route, string reason, string error);

    [LoggerMessage(7002, LogLevel.Error, "{Route} failed: {Error}")]
    public static partial void RouteFailed(ILogger logger, string route, string error);

    [LoggerMessage(7003, LogLevel.Debug, "{Route} refused: {Status} {Error}")]
    public static partial void Refused(ILogger logger, string route, int status, string error);
}
