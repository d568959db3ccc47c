using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>`alarm.delivery`: retry rounds, the failure queues in Redis and the retrier that drains them.</summary>
internal sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "alarm:delivery";

    /// <summary>Tries of each of primary and backup in one round (primary, backup, primary, backup with 2).</summary>
    [KeyedRange("alarm.delivery.triesPerTarget", 1, 10)]
    public int TriesPerTarget { get; set; } = 2;

    /// <summary>Pause after a failed try before the next one in the same round.</summary>
    [DurationRange("alarm.delivery.backoff", "00:00:00", "00:01:00")]
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after a failed round the message gets its next round.</summary>
    [DurationRange("alarm.delivery.retryDelay", "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rounds before a message goes to the final-failure queue (2: the first, then one retry round).</summary>
    [KeyedRange("alarm.delivery.rounds", 1, 20)]
    public int Rounds { get; set; } = 2;

    /// <summary>How often the retrier looks for due messages and refreshes the queue-size metrics.</summary>
    [DurationRange("alarm.delivery.pollInterval", "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>/health fails while more messages than this wait in the outbox for their first round.</summary>
    [KeyedRange("alarm.delivery.healthMaxOutbox", 1, 1_000_000_000)]
    public long HealthMaxOutbox { get; set; } = 10_000;

    /// <summary>First rounds of dispatched messages run at once (each is one provider call at a time).</summary>
    [KeyedRange("alarm.delivery.sendConcurrency", 1, 1024)]
    public int SendConcurrency { get; set; } = 32;

    /// <summary>Messages the outbox sender or the retrier claims per pass.</summary>
    [KeyedRange("alarm.delivery.retryBatch", 1, 10_000)]
    public int RetryBatch { get; set; } = 100;

    /// <summary>Retry rounds run at once.</summary>
    [KeyedRange("alarm.delivery.retryConcurrency", 1, 256)]
    public int RetryConcurrency { get; set; } = 8;

    /// <summary>A claimed message comes back to the queue after this if its instance dies mid-round; keep it above a round's length.</summary>
    [DurationRange("alarm.delivery.claimLease", "00:00:01", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a delivered message's id is remembered so no retry or replay sends it again.</summary>
    [DurationRange("alarm.delivery.sentRetention", "00:01:00", "30.00:00:00")]
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Queue writes kept in memory while Redis is unreachable; beyond this a failed message is logged and dropped.</summary>
    [KeyedRange("alarm.delivery.pendingCapacity", 1, 1_000_000)]
    public int PendingCapacity { get; set; } = 10_000;

    /// <summary>The hash tag of the queue keys: `{alarm:delivery}:failed`, `{alarm:delivery}:final`, ....</summary>
    public string KeyPrefix { get; set; } = "alarm:delivery";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.IndexOfAny(['{', '}']) >= 0)
        {
            yield return new ValidationResult($"alarm.delivery.keyPrefix must be non-empty and without braces (it becomes the keys' hash tag), got '{KeyPrefix}'");
        }

        if (ClaimLease <= Backoff * TriesPerTarget * 2)
        {
            yield return new ValidationResult("alarm.delivery.claimLease must be longer than a round's backoffs (backoff x triesPerTarget x 2), or a round still running would be claimed again");
        }
    }
}
