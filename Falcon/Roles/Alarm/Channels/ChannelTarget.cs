namespace Falcon.Roles.Alarm.Channels;

/// <summary>Which of a channel's two configured bots or providers one try goes to.</summary>
internal enum ChannelTarget
{
    Primary,
    Backup,
}
