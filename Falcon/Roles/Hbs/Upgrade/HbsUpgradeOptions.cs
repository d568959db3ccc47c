using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>The `hbs.upgrade` section: how fleet upgrades are paced, retried and paused.</summary>
internal sealed class HbsUpgradeOptions
{
    public const string SectionName = "hbs:upgrade";

    /// <summary>Agents upgrading at once across every hbs instance (the fork's `agent_update_queue_length`).</summary>
    [KeyedRange("hbs.upgrade.maxConcurrent", 1, 1_000_000)]
    public int MaxConcurrent { get; set; } = 2000;

    /// <summary>How long one host may hold a slot; a host that has not reported the target version by then frees it and counts one failed attempt.</summary>
    [DurationRange("hbs.upgrade.slotTimeout", "00:00:10", "1.00:00:00")]
    public TimeSpan SlotTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts per host before it is marked failed and left alone until the task is pushed again.</summary>
    [KeyedRange("hbs.upgrade.maxAttempts", 1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait after a host's first failed attempt; it doubles after each further failure.</summary>
    [DurationRange("hbs.upgrade.retryBackoff", "00:00:00", "1.00:00:00")]
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The task pauses itself when failed attempts / (failed + successful attempts) exceeds this (1 = never).</summary>
    [KeyedRange("hbs.upgrade.failurePauseRatio", 0.0, 1.0)]
    public double FailurePauseRatio { get; set; } = 0.2;

    /// <summary>Attempt outcomes needed before <see cref="FailurePauseRatio"/> is judged, so two early failures do not stop a fleet.</summary>
    [KeyedRange("hbs.upgrade.failurePauseMinSample", 1, 1_000_000)]
    public int FailurePauseMinSample { get; set; } = 10;

    /// <summary>With a canary percentage: how long the canary phase lasts at least, so every canary host (heartbeating each minute) is seen before the rest start.</summary>
    [DurationRange("hbs.upgrade.canaryWindow", "00:00:00", "1.00:00:00")]
    public TimeSpan CanaryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each hbs re-reads the task from Redis; between reads heartbeats cost no Redis call while no task is active.</summary>
    [DurationRange("hbs.upgrade.taskRefreshInterval", "00:00:00.100", "00:10:00")]
    public TimeSpan TaskRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The download server's base URL (the fork's `wgeturl`) used when a pushed task names none; `falcon upgrade push`
    /// reads it too, so `--url` can be left out. Empty: every push names its URL.
    /// </summary>
    [RegularExpression(@"^(https?://[^\s/?#]+[^\s]*)?$", ErrorMessage = "hbs.upgrade.downloadUrl must be empty or an http or https URL (e.g. http://dl.example.com/falcon)")]
    public string DownloadUrl { get; set; } = string.Empty;

    /// <summary>Hash tag of every upgrade key (`{agent_upgrade}:slots` ...), so they share one Redis Cluster slot.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "hbs.upgrade.keyPrefix must not be empty")]
    [RegularExpression(@"^[A-Za-z0-9._:-]{1,64}$", ErrorMessage = "hbs.upgrade.keyPrefix may hold only letters, digits and . _ : - (at most 64), no braces")]
    public string KeyPrefix { get; set; } = "agent_upgrade";
}
