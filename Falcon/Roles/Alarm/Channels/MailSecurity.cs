namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.mail.security`: how the SMTP connection is protected.</summary>
internal enum MailSecurity
{
    /// <summary>STARTTLS when the server offers it (MailKit's Auto on port 25/587, implicit TLS on 465).</summary>
    Auto,

    None,

    StartTls,

    /// <summary>Implicit TLS from the first byte (port 465).</summary>
    Tls,
}
