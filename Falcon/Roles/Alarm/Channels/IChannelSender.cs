namespace Falcon.Roles.Alarm.Channels;

/// <summary>One channel's adapter: sends a rendered message to the primary or the backup bot or provider, once.</summary>
internal interface IChannelSender
{
    ChannelKind Channel { get; }

    /// <summary>False when the channel has no primary bot, provider or server configured; its messages are not sent.</summary>
    bool IsConfigured { get; }

    /// <summary>False when only a primary is configured: delivery then uses the primary for every try.</summary>
    bool HasBackup { get; }

    /// <summary>One try; the outcome is read the provider's way (a 200 with an error code is a failure). Never throws but for cancellation.</summary>
    Task<SendOutcome> SendAsync(AlarmMessage message, ChannelTarget target, CancellationToken cancellationToken);
}
