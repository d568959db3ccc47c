using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>The `hbs.cache` section: how the configuration snapshot is refreshed under the Redis lock and shared.</summary>
internal sealed class HbsCacheOptions : IValidatableObject
{
    public const string SectionName = "hbs:cache";

    /// <summary>How often the lock holder reloads the tables and publishes a new snapshot.</summary>
    [DurationRange("hbs.cache.refreshInterval", "00:00:00.100", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The lock's lease; the holder renews it every poll, so a holder that dies frees it within this time.</summary>
    [DurationRange("hbs.cache.lockTtl", "00:00:00.100", "01:00:00")]
    public TimeSpan LockTtl { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>A snapshot older than this is not served as fresh: the instance loads from MySQL itself instead.</summary>
    [DurationRange("hbs.cache.maxAge", "00:00:00.100", "1.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Prefix of the Redis keys, used as their hash tag (`{hbs:cache}:lock`) so one script can touch them all on a cluster.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "hbs.cache.keyPrefix must not be empty")]
    [RegularExpression(@"^[A-Za-z0-9._:-]{1,64}$", ErrorMessage = "hbs.cache.keyPrefix may hold only letters, digits and . _ : - (at most 64)")]
    public string KeyPrefix { get; set; } = "hbs:cache";

    /// <summary>How often every instance checks the pointer key (and the holder renews the lock).</summary>
    [DurationRange("hbs.cache.pollInterval", "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long each versioned snapshot stays in Redis.</summary>
    [DurationRange("hbs.cache.snapshotTtl", "00:00:01", "7.00:00:00")]
    public TimeSpan SnapshotTtl { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Whether the lock holder reloads at once on the console's change signal (Redis `falcon:config:changed`); off: only at the refresh interval.</summary>
    public bool ChangeSignal { get; set; } = true;

    /// <summary>How long the holder waits after a change signal before reloading, so a burst of saves costs one reload.</summary>
    [DurationRange("hbs.cache.changeDebounce", "00:00:00", "00:01:00")]
    public TimeSpan ChangeDebounce { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval >= LockTtl)
        {
            yield return new ValidationResult($"hbs.cache.pollInterval ({PollInterval:c}) must be shorter than hbs.cache.lockTtl ({LockTtl:c}), or the holder's lock lapses between renewals");
        }

        if (PollInterval > RefreshInterval)
        {
            yield return new ValidationResult($"hbs.cache.pollInterval ({PollInterval:c}) must not be longer than hbs.cache.refreshInterval ({RefreshInterval:c})");
        }

        if (RefreshInterval >= MaxAge)
        {
            yield return new ValidationResult($"hbs.cache.refreshInterval ({RefreshInterval:c}) must be shorter than hbs.cache.maxAge ({MaxAge:c}), or every snapshot is stale before the next one");
        }

        if (SnapshotTtl < MaxAge)
        {
            yield return new ValidationResult($"hbs.cache.snapshotTtl ({SnapshotTtl:c}) must be at least hbs.cache.maxAge ({MaxAge:c}), or snapshots vanish while still fresh");
        }
    }
}
