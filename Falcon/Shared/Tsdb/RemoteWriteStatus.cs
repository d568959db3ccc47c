namespace Falcon.Shared.Tsdb;

/// <summary>What became of one remote-write request, and so whether sending it again can help.</summary>
internal enum RemoteWriteStatus
{
    /// <summary>The receiver accepted the batch (2xx).</summary>
    Success,

    /// <summary>Worth sending again later: 5xx, 429, connection errors and timeouts.</summary>
    RetryableFailure,

    /// <summary>The receiver refused the batch itself (any other 4xx); sending it again gets the same answer.</summary>
    PermanentFailure,
}
