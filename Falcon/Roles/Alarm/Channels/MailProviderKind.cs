namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.mail.provider`.</summary>
internal enum MailProviderKind
{
    /// <summary>Send over SMTP with MailKit.</summary>
    Smtp,

    /// <summary>LPUSH open-falcon's `/mail` queue for a site's own sender.</summary>
    Queue,
}
