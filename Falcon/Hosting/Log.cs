using Microsoft.Extensions.Logging;

namespace Falcon.Hosting;

internal static partial class Log
{
    [LoggerMessage(9100, LogLevel.Information, "falcon {Version} starting roles {Roles} as instance {Instance}")]
    public static partial void Starting(ILogger logger, string version, string roles, string instance);

    [LoggerMessage(9101, LogLevel.Information, "{Role} HTTP listening on {Address} (/health, /metrics)")]
    public static partial void HttpListening(ILogger logger, string role, string address);

    [LoggerMessage(9102, LogLevel.Information, "{Role} HTTP stopped")]
    public static partial void HttpStopped(ILogger logger, string role);

    [LoggerMessage(9103, LogLevel.Information, "falcon stopping: draining roles (deadline {Timeout})")]
    public static partial void Stopping(ILogger logger, TimeSpan timeout);

    [LoggerMessage(9105, LogLevel.Information, "{Role} JSON-RPC listening on {Address}")]
    public static partial void RpcListening(ILogger logger, string role, string address);

    [LoggerMessage(9104, LogLevel.Critical, "{Role} JSON-RPC could not listen on {Address}; stopping")]
    public static partial void RpcListenFailed(ILogger logger, Exception exception, string role, string address);

    [LoggerMessage(9106, LogLevel.Warning, "HTTP accept failed: {Error}")]
    public static partial void HttpAcceptFailed(ILogger logger, string error);

    [LoggerMessage(9107, LogLevel.Error, "HTTP {Method} {Path} failed; answered 500")]
    public static partial void HttpRequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(9108, LogLevel.Warning, "admin call {Method} {Path} refused: {Reason}")]
    public static partial void AdminRefused(ILogger logger, string method, string path, string reason);

    [LoggerMessage(9109, LogLevel.Information, "open files limit {Soft} (hard {Hard}, {Source}): at most {Max} connections on each of {Listeners} listeners ({How})")]
    public static partial void ListenerLimits(ILogger logger, long soft, long hard, string source, int max, int listeners, string how);

    [LoggerMessage(9110, LogLevel.Warning, "HTTP refused {Count} connection(s): {Max} connections open (host.maxConnections)")]
    public static partial void HttpConnectionsRefused(ILogger logger, int count, int max);
}
