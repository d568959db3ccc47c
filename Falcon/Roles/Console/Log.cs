using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Console;

/// <summary>The console role's log messages (event ids 8000-8999).</summary>
internal static partial class Log
{
    [LoggerMessage(8001, LogLevel.Information, "console sign-in: {User} from {Address}")]
    public static partial void SignedIn(ILogger logger, string user, string address);

    [LoggerMessage(8002, LogLevel.Warning, "console sign-in refused for {User} from {Address}: wrong user name or password")]
    public static partial void SignInRefused(ILogger logger, string user, string address);

    [LoggerMessage(8003, LogLevel.Warning, "console sign-in throttled for {User} from {Address}: too many wrong passwords")]
    public static partial void SignInThrottled(ILogger logger, string user, string address);

    [LoggerMessage(8004, LogLevel.Warning, "console: {Upstream} did not answer {Path}: {Error}")]
    public static partial void UpstreamFailed(ILogger logger, string upstream, string path, string error);

    [LoggerMessage(8005, LogLevel.Information, "console: {User} {Action} {Target}")]
    public static partial void Acted(ILogger logger, string user, string action, string target);

    [LoggerMessage(8006, LogLevel.Error, "console request {Method} {Path} failed: {Error}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string error);

    [LoggerMessage(8007, LogLevel.Warning, "console: this build holds no front end (console-web was not built); the page answers 503")]
    public static partial void NoFrontEnd(ILogger logger);
}
