using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Wire;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Transfer;

/// <summary>The `transfer` section: listeners, the step rule and the TSDB write queue.</summary>
internal sealed class TransferOptions : IValidatableObject
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

    /// <summary>
    /// Judges by node name → "host:port" (open-falcon's `judge.cluster`); points are split among them by a consistent hash
    /// of the series. Empty: points go to a judge in this process when there is one, else to none.
    /// </summary>
    public IDictionary<string, string> Judges { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Virtual nodes per judge on the hash ring (open-falcon's `judge.replicas`).</summary>
    [KeyedRange("transfer.judgeReplicas", 1, 10_000)]
    public int JudgeReplicas { get; set; } = 500;

    /// <summary>Points waiting for one judge while it is slow or down; beyond this the oldest are dropped and counted (open-falcon: 102400).</summary>
    [KeyedRange("transfer.judgeQueueCapacity", 100, 100_000_000)]
    public int JudgeQueueCapacity { get; set; } = 102_400;

    /// <summary>Points in one Judge.Send call.</summary>
    [KeyedRange("transfer.judgeBatchSize", 1, 100_000)]
    public int JudgeBatchSize { get; set; } = 500;

    /// <summary>Time allowed for one call to a judge, connecting included.</summary>
    [DurationRange("transfer.judgeCallTimeout", "00:00:00.010", "00:05:00")]
    public TimeSpan JudgeCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each judge is asked which metrics its rules use, so only those points are sent.</summary>
    [DurationRange("transfer.judgeMetricsRefresh", "00:00:00.100", "01:00:00")]
    public TimeSpan JudgeMetricsRefresh { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, address) in Judges ?? new Dictionary<string, string>())
        {
            string? problem;
            try
            {
                var (host, port) = WireEndpoint.Parse(address ?? "");
                problem = host.Length == 0 || port == 0 ? $"must name a host and a non-zero port, got '{address}'" : null;
            }
            catch (FormatException ex)
            {
                problem = $"must be host:port: {ex.Message}";
            }

            if (problem is not null)
            {
                yield return new ValidationResult($"transfer.judges.{name} {problem}");
            }
        }
    }
}
