namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>The outcome of one batch write and, on failure, the TSDB's text.</summary>
internal readonly record struct TsdbWriteResult(TsdbWriteOutcome Outcome, string? Error = null)
{
    public static TsdbWriteResult Success { get; } = new(TsdbWriteOutcome.Success);

    public static TsdbWriteResult Retryable(string error) => new(TsdbWriteOutcome.RetryableFailure, error);

    public static TsdbWriteResult Permanent(string error) => new(TsdbWriteOutcome.PermanentFailure, error);
}
