namespace Falcon.Roles.Alarm.Channels;

/// <summary>The ways an alarm reaches people.</summary>
internal enum ChannelKind
{
    Im,
    Phone,
    Sms,
    Mail,
}
