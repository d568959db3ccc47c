using System.ComponentModel.DataAnnotations;
using MimeKit;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.mail`: the SMTP server (and an optional backup server with the same account) alarms are mailed through.</summary>
internal sealed class MailOptions : IValidatableObject
{
    public const string SectionName = "alarm:mail";

    /// <summary>smtp | queue.</summary>
    public MailProviderKind Provider { get; set; } = MailProviderKind.Smtp;

    /// <summary>SMTP host; empty leaves mail unconfigured.</summary>
    public string? Host { get; set; }

    [KeyedRange("alarm.mail.port", 1, 65_535)]
    public int Port { get; set; } = 25;

    /// <summary>A second SMTP host tried after the first fails (same port, security and account).</summary>
    public string? BackupHost { get; set; }

    /// <summary>auto | none | starttls | tls.</summary>
    public MailSecurity Security { get; set; } = MailSecurity.Auto;

    /// <summary>SMTP account; empty sends without authenticating.</summary>
    public string? Username { get; set; }

    /// <summary>SMTP password (never logged).</summary>
    public string? Password { get; set; }

    /// <summary>The From address, e.g. `Falcon &lt;falcon@example.com&gt;`.</summary>
    public string From { get; set; } = "falcon@localhost";

    /// <summary>The longest one SMTP conversation (connect, send, quit) may take.</summary>
    [DurationRange("alarm.mail.timeout", "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == MailProviderKind.Queue)
        {
            yield break;
        }

        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"alarm.mail.from '{From}' is not a mail address, e.g. falcon@example.com");
        }

        if (string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(BackupHost))
        {
            yield return new ValidationResult("alarm.mail.backupHost is set but alarm.mail.host is not; set the primary server first");
        }

        if (!string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Username))
        {
            yield return new ValidationResult("alarm.mail.password is set without alarm.mail.username");
        }
    }
}
