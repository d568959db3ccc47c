using System.Text.Json;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// The Redis lists low-priority notifications wait in until combined: open-falcon's /queue/user/{sms,im,mail}, and per
/// instance a `{/queue/user/im}:combining:&lt;instance&gt;` list holding what the combiner is sending, taken over with
/// the instance if it stops.
/// </summary>
internal sealed class NotificationQueue(RedisConnection redis, IOptions<RoutingOptions> routing, IOptions<ConsumerOptions> consumer) : IInstanceOwnedLists
{
    private readonly RoutingOptions _routing = routing.Value;

    /// <summary>This instance's id.</summary>
    public string InstanceId { get; } = consumer.Value.InstanceId;

    /// <summary>The list of one channel.</summary>
    public string QueueOf(ChannelKind channel) => channel switch
    {
        ChannelKind.Sms => _routing.UserSmsQueue,
        ChannelKind.Im => _routing.UserImQueue,
        ChannelKind.Mail => _routing.UserMailQueue,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "only SMS, IM and mail are combined"),
    };

    /// <summary>The combined channels, in the order of <see cref="ListsOf"/>.</summary>
    public static IReadOnlyList<ChannelKind> Channels { get; } = [ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail];

    /// <summary>The list an instance's combiner works from for one channel.</summary>
    public string CombiningKey(ChannelKind channel, string instanceId) => RedisKeys.Companion(QueueOf(channel), "combining", instanceId);

    public IReadOnlyList<string> ListsOf(string instanceId) => [.. Channels.Select(c => CombiningKey(c, instanceId))];

    /// <summary>Adds notifications to their lists in one round trip.</summary>
    public async Task EnqueueAsync(IReadOnlyList<(ChannelKind Channel, UserNotification Notification)> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        var db = await redis.GetDatabaseAsync(cancellationToken);
        var batch = db.CreateBatch();
        var pushes = notifications
            .Select(n => batch.ListLeftPushAsync(QueueOf(n.Channel), JsonSerializer.Serialize(n.Notification, RoutingJsonContext.Default.UserNotification)))
            .ToArray();
        batch.Execute();
        await Task.WhenAll(pushes);
    }
}
