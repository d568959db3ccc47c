using System.ComponentModel.DataAnnotations;
using Falcon.Roles.Alarm.Channels;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Heartbeat;

/// <summary>
/// `alarm.heartbeat`: the dead-man's switch of the alarm pipeline. Judges send a heartbeat event through the event
/// queues; when none has come through for <see cref="MaxSilence"/>, /health says so and one message goes to the
/// fallback receiver, which does not depend on Redis or the alarm queues (docs/heartbeat.md).
/// </summary>
internal sealed class PipelineWatchOptions : IValidatableObject
{
    /// <summary>The configuration section (`alarm.heartbeat` in YAML).</summary>
    public const string SectionName = "alarm:heartbeat";

    /// <summary>Off when no judge sends heartbeats (open-falcon's judge does not): /health would fail for ever.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A judge (or, with none heard of, the pipeline) silent for longer than this fails /health and is reported.</summary>
    [DurationRange("alarm.heartbeat.maxSilence", "00:00:01", "1.00:00:00")]
    public TimeSpan MaxSilence { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the arrivals are looked at (and a failed fallback message is tried again).</summary>
    [DurationRange("alarm.heartbeat.checkInterval", "00:00:00.100", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A judge silent for this long is forgotten (taken out of the pipeline on purpose); until then it counts as silent.</summary>
    [DurationRange("alarm.heartbeat.forgetAfter", "00:01:00", "365.00:00:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Redis hash of the last arrival per judge, shared by every alarm; `{key}:alerted` marks a reported silence.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "alarm.heartbeat.key must not be empty")]
    public string Key { get; set; } = "falcon:pipeline:heartbeat";

    /// <summary>Where the silence and the recovery are announced: a bot webhook or any HTTP endpoint; empty reports on /health and in the log only.</summary>
    public string? FallbackUrl { get; set; }

    /// <summary>The body format of <see cref="FallbackUrl"/>: feishu | dingtalk | wecom | slack | webhook (plain JSON).</summary>
    public ImProvider FallbackFormat { get; set; } = ImProvider.Webhook;

    /// <summary>The longest one fallback call may take.</summary>
    [DurationRange("alarm.heartbeat.fallbackTimeout", "00:00:00.100", "00:02:00")]
    public TimeSpan FallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in ChannelUrls.Check("alarm.heartbeat.fallbackUrl", FallbackUrl))
        {
            yield return new ValidationResult(problem);
        }

        if (FallbackFormat == ImProvider.Queue)
        {
            yield return new ValidationResult("alarm.heartbeat.fallbackFormat cannot be queue: the fallback must not depend on Redis; use feishu, dingtalk, wecom, slack or webhook");
        }

        if (CheckInterval >= MaxSilence)
        {
            yield return new ValidationResult($"alarm.heartbeat.checkInterval ({CheckInterval:c}) must be shorter than alarm.heartbeat.maxSilence ({MaxSilence:c})");
        }

        if (ForgetAfter <= MaxSilence)
        {
            yield return new ValidationResult($"alarm.heartbeat.forgetAfter ({ForgetAfter:c}) must be longer than alarm.heartbeat.maxSilence ({MaxSilence:c})");
        }
    }
}
