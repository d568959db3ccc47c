using Falcon.Shared.Configuration;


namespace Falcon.Roles.Alarm;

/// <summary>
/// The `alarm` section's own keys. Its parts bind their own subsections: consumer, routing, im, phone, sms, mail,
/// queues, delivery, silences and search.
/// </summary>
internal sealed class AlarmOptions
{
    public const string SectionName = "alarm";

    /// <summary>HTTP listener: the silence links and /api/silences, /api/alarms, /api/dryrun, /health, /metrics (open-falcon alarm's `http`).</summary>
    [ListenAddress("alarm.httpListen")]
    public string HttpListen { get; set; } = "0.0.0.0:9912";
}
