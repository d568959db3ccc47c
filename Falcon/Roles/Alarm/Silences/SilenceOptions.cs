using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Silences;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>The `alarm.silences` section: signed silence links on alarm messages, limits, and how instances stay in step.</summary>
internal sealed class SilenceOptions : IValidatableObject
{
    public const string SectionName = "alarm:silences";

    public const int MinSecretLength = 32;

    /// <summary>The alarm's address as people's browsers reach it, e.g. `https://alarm.example.com`; empty = no silence links on messages.</summary>
    public string LinkBaseUrl { get; set; } = string.Empty;

    /// <summary>HMAC-SHA256 key that signs the links (at least 32 characters); required when <see cref="LinkBaseUrl"/> is set. Changing it voids links already sent.</summary>
    public string LinkSecret { get; set; } = string.Empty;

    /// <summary>How long a link in a message stays usable after the message was sent.</summary>
    [DurationRange("alarm.silences.linkLifetime", "00:01:00", "30.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The silence lengths offered as buttons on a message, comma-separated (`30m, 1h, 2h30m, 1d, 1w`).</summary>
    public string Durations { get; set; } = "1h,3h,1d";

    /// <summary>The longest silence anyone may set, by link, API or CLI.</summary>
    [DurationRange("alarm.silences.maxDuration", "00:01:00", "365.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Full reload from Redis, the safety net under the change notifications (a missed notification is caught within this).</summary>
    [DurationRange("alarm.silences.reloadInterval", "00:00:00.100", "00:10:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Hash tag of the silence keys (`{falcon_silences}:items` ...), shared by every alarm instance.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "alarm.silences.keyPrefix must not be empty")]
    [RegularExpression(@"^[A-Za-z0-9._:-]{1,64}$", ErrorMessage = "alarm.silences.keyPrefix may hold only letters, digits and . _ : - (at most 64), no braces")]
    public string KeyPrefix { get; set; } = SilenceKeys.DefaultPrefix;

    /// <summary>True when messages carry silence links (internal: not a setting, so `config check` does not list it).</summary>
    internal bool LinksEnabled => !string.IsNullOrWhiteSpace(LinkBaseUrl);

    /// <summary>The offered durations, parsed; invalid entries are skipped (validation refuses them at start-up).</summary>
    public IReadOnlyList<TimeSpan> OfferedDurations() =>
        SplitDurations().Select(d => SilenceDuration.TryParse(d, out _)).OfType<TimeSpan>().Distinct().ToArray();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LinksEnabled)
        {
            if (!Uri.TryCreate(LinkBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            {
                yield return new ValidationResult($"alarm.silences.linkBaseUrl must be an absolute http:// or https:// URL people's browsers reach the alarm at, got '{LinkBaseUrl}'");
            }

            if (LinkSecret.Length < MinSecretLength)
            {
                yield return new ValidationResult($"alarm.silences.linkSecret must be at least {MinSecretLength} characters when alarm.silences.linkBaseUrl is set (e.g. the output of 'openssl rand -hex 32')");
            }
        }

        var durations = SplitDurations();
        if (durations.Length == 0)
        {
            yield return new ValidationResult($"alarm.silences.durations must list at least one duration, such as {SilenceDuration.Examples}");
        }

        foreach (var text in durations)
        {
            if (SilenceDuration.TryParse(text, out var problem) is not { } duration)
            {
                yield return new ValidationResult($"alarm.silences.durations: {problem}");
            }
            else if (duration > MaxDuration)
            {
                yield return new ValidationResult($"alarm.silences.durations: {text} is longer than alarm.silences.maxDuration ({SilenceDuration.Format(MaxDuration)})");
            }
        }
    }

    private string[] SplitDurations() =>
        (Durations ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
