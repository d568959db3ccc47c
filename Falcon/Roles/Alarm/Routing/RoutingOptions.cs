using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Who gets an alarm on which channel (nested as `alarm.routing`).</summary>
internal sealed class RoutingOptions
{
    /// <summary>The configuration section (`alarm.routing` in YAML).</summary>
    public const string SectionName = "alarm:routing";

    /// <summary>How long an action's recipients (action, teams, users, group chats) are used before MySQL is asked again.</summary>
    [DurationRange("alarm.routing.cacheTtl", "00:00:01", "01:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Also look every action up again as soon as the console announces a configuration change (Redis
    /// `falcon:config:changed`), instead of when its cacheTtl runs out.
    /// </summary>
    public bool ChangeSignal { get; set; } = true;

    /// <summary>After a failed lookup, how long the last good answer is used before MySQL is tried again.</summary>
    [DurationRange("alarm.routing.retryAfterFailure", "00:00:00.010", "00:10:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Priorities whose PROBLEM events also call the users' phones (the fork called on its P9); [0] when not set, and
    /// [-1] calls no one. (The configuration binder appends to an initialised array, so the default applies here.)
    /// </summary>
    public int[] PhonePriorities { get; set; } = [];

    /// <summary>The phone priorities in effect.</summary>
    internal IReadOnlyList<int> EffectivePhonePriorities => PhonePriorities.Length > 0 ? PhonePriorities : [0];

    /// <summary>How often low-priority notifications are combined per user and metric and sent (open-falcon: 60 s).</summary>
    [DurationRange("alarm.routing.combineWindow", "00:00:00.010", "01:00:00")]
    public TimeSpan CombineWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most entries combined in one pass of one list.</summary>
    [KeyedRange("alarm.routing.combineBatch", 1, 1_000_000)]
    public int CombineBatch { get; set; } = 10_000;

    /// <summary>open-falcon's `redis.userSmsQueue`: low-priority SMS waiting to be combined.</summary>
    [Required(AllowEmptyStrings = false)]
    public string UserSmsQueue { get; set; } = "/queue/user/sms";

    /// <summary>open-falcon's `redis.userIMQueue`.</summary>
    [Required(AllowEmptyStrings = false)]
    public string UserImQueue { get; set; } = "/queue/user/im";

    /// <summary>open-falcon's `redis.userMailQueue`.</summary>
    [Required(AllowEmptyStrings = false)]
    public string UserMailQueue { get; set; } = "/queue/user/mail";

    /// <summary>open-falcon's `api.dashboard`: mail links point to its template and expression pages.</summary>
    public string Dashboard { get; set; } = "http://127.0.0.1:8081";

    /// <summary>The most action callbacks (action.url) running at once.</summary>
    [KeyedRange("alarm.routing.callbackConcurrency", 1, 1_000)]
    public int CallbackConcurrency { get; set; } = 16;

    /// <summary>The whole time a callback may take (open-falcon: 3 s to connect, 20 s in all).</summary>
    [DurationRange("alarm.routing.callbackTimeout", "00:00:00.010", "00:05:00")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
