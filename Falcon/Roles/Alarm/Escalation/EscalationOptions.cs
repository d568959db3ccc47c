using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Escalation;

/// <summary>The `alarm.escalation` section: notifying an action's next teams when a case stays unacknowledged.</summary>
internal sealed class EscalationOptions
{
    public const string SectionName = "alarm:escalation";

    /// <summary>Whether this instance looks for cases to escalate (the steps are configured per action in the console).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often open cases are looked at; a step is sent at most this long after it is due.</summary>
    [DurationRange("alarm.escalation.scanInterval", "00:00:00.010", "00:10:00")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A step due longer ago than this is skipped, not sent late: after an outage of the alarm role or when escalation
    /// is first configured, old cases do not all escalate at once.
    /// </summary>
    [DurationRange("alarm.escalation.maxLateness", "00:00:01", "7.00:00:00")]
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most cases looked at in one scan (the oldest first).</summary>
    [KeyedRange("alarm.escalation.batchSize", 1, 100_000)]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Prefix of the Redis keys that mark a step as sent (shared by every alarm instance, so each step goes out once).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "alarm.escalation.keyPrefix must not be empty")]
    public string KeyPrefix { get; set; } = "falcon:alarm:escalation";
}
