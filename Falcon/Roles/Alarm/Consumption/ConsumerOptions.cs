using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>How the alarm role takes events from judge's Redis lists (nested as `alarm.consumer`).</summary>
internal sealed class ConsumerOptions
{
    /// <summary>The configuration section (`alarm.consumer` in YAML).</summary>
    public const string SectionName = "alarm:consumer";

    /// <summary>This instance's name in the consumer registry and in its in-flight lists; must be unique among live instances and stable across restarts.</summary>
    [Required(AllowEmptyStrings = false)]
    public string InstanceId { get; set; } = Environment.MachineName;

    // The configuration binder appends configured items to an initialised array, so defaults apply only when none are set.
    private static readonly string[] DefaultHighQueues = ["event:p0", "event:p1", "event:p2"];
    private static readonly string[] DefaultLowQueues = ["event:p3", "event:p4", "event:p5", "event:p6"];

    /// <summary>open-falcon's `redis.highQueues`: served first, routed at once; event:p0..p2 when not set.</summary>
    public string[] HighQueues { get; set; } = [];

    /// <summary>open-falcon's `redis.lowQueues`: served after the high ones, combined per user and metric; event:p3..p6 when not set.</summary>
    public string[] LowQueues { get; set; } = [];

    /// <summary>The high queues in effect.</summary>
    internal IReadOnlyList<string> EffectiveHighQueues => HighQueues.Length > 0 ? HighQueues : DefaultHighQueues;

    /// <summary>The low queues in effect.</summary>
    internal IReadOnlyList<string> EffectiveLowQueues => LowQueues.Length > 0 ? LowQueues : DefaultLowQueues;

    /// <summary>Events moved from Redis in one step, and the most one worker records in one MySQL batch.</summary>
    [KeyedRange("alarm.consumer.batchSize", 1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Workers; an event id always goes to the same one, so its PROBLEM and OK are handled in order.</summary>
    [KeyedRange("alarm.consumer.workers", 1, 256)]
    public int Workers { get; set; } = 8;

    /// <summary>Events waiting per worker; when a worker's queue is full, reading from Redis waits.</summary>
    [KeyedRange("alarm.consumer.workerQueueCapacity", 1, 1_000_000)]
    public int WorkerQueueCapacity { get; set; } = 1_000;

    /// <summary>How long the reader waits when every queue was empty.</summary>
    [DurationRange("alarm.consumer.pollInterval", "00:00:00.001", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the instance records that it is alive and looks for stopped instances to take over from.</summary>
    [DurationRange("alarm.consumer.heartbeatInterval", "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An instance silent for this long is stopped: another takes over its in-flight events.</summary>
    [DurationRange("alarm.consumer.heartbeatTimeout", "00:00:00.050", "01:00:00")]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The list malformed events go to, each as JSON with the reason, the source queue and the raw text.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DeadLetterQueue { get; set; } = "falcon:alarm:deadletter";

    /// <summary>The hash of live consumer instances and their last heartbeat.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RegistryKey { get; set; } = "falcon:alarm:consumers";

    /// <summary>The longest wait between two attempts at a batch that failed (MySQL or Redis down).</summary>
    [DurationRange("alarm.consumer.maxRetryDelay", "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>/health fails while more judge events than this wait (in the queues, or taken and not yet handled).</summary>
    [KeyedRange("alarm.consumer.healthMaxBacklog", 1, 1_000_000_000)]
    public long HealthMaxBacklog { get; set; } = 50_000;

    /// <summary>Every queue, high first, each in configured order.</summary>
    public IEnumerable<(string Queue, bool IsHigh)> Queues() =>
        EffectiveHighQueues.Select(static q => (q, true)).Concat(EffectiveLowQueues.Select(static q => (q, false)));
}
