using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Search;

/// <summary>
/// The `alarm.search` section: page sizes of the alarm records search and how long the portal's action-to-team map is
/// cached. The admin bearer token that sees every alarm is `host.adminToken`; a loopback caller gets no exception.
/// </summary>
internal sealed class AlarmSearchOptions : IValidatableObject
{
    public const string SectionName = "alarm:search";

    /// <summary>Cases per page when the request gives no `limit`.</summary>
    [KeyedRange("alarm.search.defaultLimit", 1, 10_000)]
    public int DefaultLimit { get; set; } = 50;

    /// <summary>The largest `limit` a request may ask for; more is refused with 400.</summary>
    [KeyedRange("alarm.search.maxLimit", 1, 10_000)]
    public int MaxLimit { get; set; } = 500;

    /// <summary>At most this many events per case, newest first, when the events are asked for.</summary>
    [KeyedRange("alarm.search.maxEventsPerCase", 1, 100_000)]
    public int MaxEventsPerCase { get; set; } = 100;

    /// <summary>How long the actions, templates and expressions read from falcon_portal (who may see which case) are reused.</summary>
    [DurationRange("alarm.search.visibilityCacheTtl", "00:00:00", "01:00:00")]
    public TimeSpan VisibilityCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True: uic admins and roots (user.role 1 or 2) see every alarm, as the admin token does. False: they see their teams' alarms like anyone.</summary>
    public bool UicAdminsSeeAll { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultLimit > MaxLimit)
        {
            yield return new ValidationResult($"alarm.search.defaultLimit ({DefaultLimit}) must not be more than alarm.search.maxLimit ({MaxLimit})");
        }
    }
}
