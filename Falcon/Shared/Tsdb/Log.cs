using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Tsdb;

internal static partial class Log
{
    [LoggerMessage(9400, LogLevel.Warning, "TSDB refused a remote write of {Count} points with {Status}: {Error}")]
    public static partial void WriteRefused(ILogger logger, int count, int status, string error);

    [LoggerMessage(9401, LogLevel.Debug, "TSDB remote write of {Count} points failed, can be retried: {Error}")]
    public static partial void WriteFailed(ILogger logger, int count, string error);
}
