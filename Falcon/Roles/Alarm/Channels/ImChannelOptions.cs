using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.im`: the bot webhooks IM alarms go to. The webhook URLs carry the bots' tokens and are never logged.</summary>
internal sealed class ImChannelOptions : IValidatableObject
{
    public const string SectionName = "alarm:im";

    /// <summary>feishu | dingtalk | wecom | slack | webhook | queue.</summary>
    public ImProvider Provider { get; set; } = ImProvider.Feishu;

    /// <summary>The primary bot's webhook URL; empty leaves IM unconfigured (IM messages are counted and dropped).</summary>
    public string? Primary { get; set; }

    /// <summary>The backup bot's webhook URL (a second bot, ideally of another app), tried after the primary fails.</summary>
    public string? Backup { get; set; }

    /// <summary>Signing secret of the primary bot (Feishu "signature verification", DingTalk "加签"); empty sends unsigned.</summary>
    public string? PrimarySecret { get; set; }

    /// <summary>Signing secret of the backup bot.</summary>
    public string? BackupSecret { get; set; }

    /// <summary>The longest one webhook call may take.</summary>
    [DurationRange("alarm.im.timeout", "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == ImProvider.Queue)
        {
            yield break;
        }

        foreach (var problem in ChannelUrls.Check("alarm.im.primary", Primary).Concat(ChannelUrls.Check("alarm.im.backup", Backup)))
        {
            yield return new ValidationResult(problem);
        }

        if (string.IsNullOrWhiteSpace(Primary) && !string.IsNullOrWhiteSpace(Backup))
        {
            yield return new ValidationResult("alarm.im.backup is set but alarm.im.primary is not; set the primary bot first");
        }

        if ((!string.IsNullOrEmpty(PrimarySecret) || !string.IsNullOrEmpty(BackupSecret)) && Provider is not (ImProvider.Feishu or ImProvider.Dingtalk))
        {
            yield return new ValidationResult($"alarm.im.primarySecret / backupSecret sign Feishu and DingTalk bots only, not {Provider.ToString().ToLowerInvariant()}");
        }
    }
}
