using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Retention;

/// <summary>How long the alarm role keeps what it writes (nested as `alarm.retention`), so nothing grows without bound.</summary>
internal sealed class RetentionOptions
{
    /// <summary>The configuration section (`alarm.retention` in YAML).</summary>
    public const string SectionName = "alarm:retention";

    /// <summary>Events older than this are deleted, and so are cases last changed before it that are not open PROBLEMs.</summary>
    [DurationRange("alarm.retention.records", "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Records { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Dead-lettered events older than this are dropped from the dead-letter list.</summary>
    [DurationRange("alarm.retention.deadLetters", "01:00:00", "365.00:00:00")]
    public TimeSpan DeadLetters { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The dead-letter list never holds more than this many entries (the newest are kept).</summary>
    [KeyedRange("alarm.retention.deadLettersMax", 100, 10_000_000)]
    public int DeadLettersMax { get; set; } = 100_000;

    /// <summary>How often the cleanup runs (once at start too).</summary>
    [DurationRange("alarm.retention.interval", "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a first cleanup of a large table never holds locks for long.</summary>
    [KeyedRange("alarm.retention.deleteBatch", 100, 100_000)]
    public int DeleteBatch { get; set; } = 5_000;
}
