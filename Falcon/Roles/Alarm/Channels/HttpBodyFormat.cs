namespace Falcon.Roles.Alarm.Channels;

/// <summary>How a phone or SMS provider takes its request body.</summary>
internal enum HttpBodyFormat
{
    /// <summary>application/x-www-form-urlencoded, as open-falcon's senders post (`tos=...&amp;content=...`).</summary>
    Form,

    /// <summary>application/json.</summary>
    Json,
}
