namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>How a remote-write request ended, as far as retrying goes.</summary>
internal enum TsdbWriteOutcome
{
    Success,

    /// <summary>5xx, 429, timeouts, connection errors: the same batch is sent again.</summary>
    RetryableFailure,

    /// <summary>4xx: sending the batch again would fail again, so it is counted and dropped.</summary>
    PermanentFailure,
}
