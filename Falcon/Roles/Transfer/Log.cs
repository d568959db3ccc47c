using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Transfer;

/// <summary>The transfer role's log messages (event ids 3000-3099).</summary>
internal static partial class Log
{

    [LoggerMessage(3001, LogLevel.Warning, "transfer is refusing pushes: sink {Sink} cannot take a batch of {Count} points (falcon.transfer.points.rejected_full counts them)")]
    public static partial void SinkFull(ILogger logger, int count, string sink);

    [LoggerMessage(3002, LogLevel.Information, "transfer accepts pushes again")]
    public static partial void AcceptingAgain(ILogger logger);

    [LoggerMessage(3010, LogLevel.Warning, "TSDB write of {Count} points failed (attempt {Attempt}), retrying in {Delay}: {Error}")]
    public static partial void WriteRetrying(ILogger logger, int count, int attempt, TimeSpan delay, string error);

    [LoggerMessage(3011, LogLevel.Error, "TSDB refused {Count} points for good, dropped: {Error}")]
    public static partial void WritePermanentFailure(ILogger logger, int count, string error);

    [LoggerMessage(3012, LogLevel.Information, "TSDB writes succeed again after {Attempts} attempts")]
    public static partial void WriteRecovered(ILogger logger, int attempts);

    [LoggerMessage(3013, LogLevel.Information, "flushing {Count} queued points to the TSDB before stopping (at most {Timeout})")]
    public static partial void Flushing(ILogger logger, long count, TimeSpan timeout);

    [LoggerMessage(3014, LogLevel.Warning, "{Count} accepted points were not written to the TSDB within the flush timeout {Timeout}; they stay in the queue at {Directory} and are sent after the next start")]
    public static partial void FlushTimedOut(ILogger logger, long count, TimeSpan timeout, string directory);

    [LoggerMessage(3015, LogLevel.Error, "TSDB sender failed unexpectedly, restarting it: {Error}")]
    public static partial void SenderFailed(ILogger logger, string error);

    [LoggerMessage(3030, LogLevel.Warning, "judge {Judge} at {Address}: Judge.Send failed (attempt {Attempt}), {Queued} points waiting: {Error}")]
    public static partial void JudgeSendFailed(ILogger logger, string judge, string address, int attempt, int queued, string error);

    [LoggerMessage(3031, LogLevel.Error, "judge {Judge} at {Address} refused {Count} points: {Error}")]
    public static partial void JudgeRefusedBatch(ILogger logger, string judge, string address, int count, string error);

    [LoggerMessage(3032, LogLevel.Debug, "judge {Judge} at {Address} could not say which metrics it uses, keeping the last answer: {Error}")]
    public static partial void JudgeMetricsUnavailable(ILogger logger, string judge, string address, string error);

    [LoggerMessage(3033, LogLevel.Information, "points go to {Count} judges by consistent hash: {Judges}")]
    public static partial void JudgesConfigured(ILogger logger, int count, string judges);

    [LoggerMessage(3034, LogLevel.Information, "points go to the judge in this process")]
    public static partial void LocalJudge(ILogger logger);

    [LoggerMessage(3040, LogLevel.Information, "queue at {Directory}: {Count} points left by the previous process in {Segments} segments are sent to the TSDB again (not to judges)")]
    public static partial void QueueReplaying(ILogger logger, long count, int segments, string directory);

    [LoggerMessage(3041, LogLevel.Warning, "queue segment {Path}: {Bytes} bytes after the last whole record were cut off (a write that never completed, so never acknowledged)")]
    public static partial void QueueTailDropped(ILogger logger, string path, long bytes);

    [LoggerMessage(3042, LogLevel.Error, "queue at {Directory} cannot be written, pushes are refused: {Error}")]
    public static partial void QueueWriteFailed(ILogger logger, string directory, string error);

    [LoggerMessage(3043, LogLevel.Warning, "queue segment {Path} was written to the TSDB but cannot be deleted: {Error}")]
    public static partial void QueueDeleteFailed(ILogger logger, string path, string error);

    [LoggerMessage(3044, LogLevel.Warning, "queue segment {Path} cannot be read, retrying: {Error}")]
    public static partial void QueueReadFailed(ILogger logger, string path, string error);

    [LoggerMessage(3045, LogLevel.Information, "queue at {Directory}: {Count} points wait for the TSDB and stay there for the next start")]
    public static partial void QueueLeftOnStop(ILogger logger, string directory, long count);

    [LoggerMessage(3050, LogLevel.Debug, "pushed point refused as Invalid ({Reason}): endpoint {Endpoint}, metric {Metric}")]
    public static partial void PointRefused(ILogger logger, string reason, string endpoint, string metric);
}
