namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.phone.provider` / `alarm.sms.provider`.</summary>
internal enum HttpProviderKind
{
    /// <summary>An HTTP API described by url, body template and success rule.</summary>
    Http,

    /// <summary>LPUSH open-falcon's `/phone` or `/sms` queue for a site's own sender.</summary>
    Queue,
}
