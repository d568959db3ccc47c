using Falcon.Hosting;

namespace Falcon.Roles.Transfer;

/// <summary>The `transfer` section: listeners, the step rule and the TSDB write queue.</summary>
internal sealed class TransferOptions
{
    public const string SectionName = "transfer";

    /// <summary>JSON-RPC listener for agents (open-falcon's `rpc.listen`).</summary>
    [ListenAddress("transfer.rpcListen")]
    public string RpcListen { get; set; } = "0.0.0.0:8433";

    /// <summary>HTTP listener for `/api/push` (open-falcon's `http.listen`).</summary>
    [ListenAddress("transfer.httpListen")]
    public string HttpListen { get; set; } = "0.0.0.0:6060";

    /// <summary>Steps below this are raised to it and timestamps aligned to the step (open-falcon's `minStep`).</summary>
    [KeyedRange("transfer.minStep", 1, 86_400)]
    public int MinStep { get; set; } = 30;

    /// <summary>Accepted points that may wait for the TSDB; beyond this ingest answers with an error.</summary>
    [KeyedRange("transfer.queueCapacity", 1, 100_000_000)]
    public int QueueCapacity { get; set; } = 1_000_000;

    /// <summary>Points in one remote-write request.</summary>
    [KeyedRange("transfer.batchSize", 1, 1_000_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>The longest a sender waits to fill a batch before writing what it has.</summary>
    [DurationRange("transfer.batchDelay", "00:00:00.001", "00:01:00")]
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Remote-write requests in flight at once.</summary>
    [KeyedRange("transfer.senders", 1, 256)]
    public int Senders { get; set; } = 4;

    /// <summary>The longest wait between two attempts at a batch the TSDB refused with a retryable error.</summary>
    [DurationRange("transfer.maxRetryDelay", "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On stop, how long queued points may take to reach the TSDB; keep it below host.shutdownTimeout.</summary>
    [DurationRange("transfer.flushTimeout", "00:00:00", "00:10:00")]
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
