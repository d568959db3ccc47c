using Falcon.Roles.Alarm.Channels;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>What one event turns into: messages to send now, and low-priority notifications to combine later.</summary>
internal sealed record RoutePlan(IReadOnlyList<AlarmMessage> Messages, IReadOnlyList<(ChannelKind Channel, UserNotification Notification)> Deferred)
{
    public static RoutePlan Empty { get; } = new([], []);
}
