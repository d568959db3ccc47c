using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Agent.Ntp;

/// <summary>The agent's NTP measurement log messages (event ids 1600-1649).</summary>
internal static partial class NtpLog
{
    [LoggerMessage(1600, LogLevel.Warning, "no NTP server answered ({Servers}), sys.ntp.offset is not sent: {Error}")]
    public static partial void NoServerAnswered(ILogger logger, string servers, string error);

    [LoggerMessage(1601, LogLevel.Information, "NTP server {Server} answers again: offset {OffsetMs} ms, round trip {DelayMs} ms")]
    public static partial void Recovered(ILogger logger, string server, double offsetMs, double delayMs);

    [LoggerMessage(1602, LogLevel.Debug, "NTP server {Server} did not give a usable answer: {Error}")]
    public static partial void ServerFailed(ILogger logger, string server, string error);
}
