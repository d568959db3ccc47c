using System.Text.Json;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// open-falcon's combiner (alarm/cron/combiner.go): every window, the low-priority notifications of each channel are
/// grouped by priority, status, recipient and metric; a group of one is sent as it is, a larger group as one summary.
/// Notifications are moved into this instance's combining list first and deleted only once dispatched, so a crash
/// sends them again (with the same message ids) rather than losing them.
/// </summary>
internal sealed class LowPriorityCombiner(
    RedisConnection redis,
    NotificationQueue queue,
    IAlarmDispatcher dispatcher,
    IEnumerable<IAlarmMessageDecorator> decorators,
    IOptions<RoutingOptions> options,
    TimeProvider timeProvider,
    ILogger<LowPriorityCombiner> logger) : BackgroundService
{
    private readonly RoutingOptions _options = options.Value;
    private readonly IAlarmMessageDecorator[] _decorators = [.. decorators];
    private readonly ReliableQueue _lists = new(redis);

    /// <summary>Combines and sends everything waiting now; returns how many messages were dispatched.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var channel in NotificationQueue.Channels)
        {
            var source = queue.QueueOf(channel);
            var combining = queue.CombiningKey(channel, queue.InstanceId);
            var db = await redis.GetDatabaseAsync(cancellationToken);

            // What a previous run (or a stopped instance taken over) left half-sent goes first.
            var leftover = await db.ListRangeAsync(combining);
            if (leftover.Length > 0)
            {
                sent += await SendAsync(channel, source, [.. leftover.Reverse().Select(static v => (string)v!)], cancellationToken);
                await db.KeyDeleteAsync(combining);
            }

            while (true)
            {
                var items = await _lists.MoveAsync(source, combining, _options.CombineBatch, cancellationToken);
                if (items.Length == 0)
                {
                    break;
                }

                sent += await SendAsync(channel, source, items, cancellationToken);
                await db.KeyDeleteAsync(combining);
                if (items.Length < _options.CombineBatch)
                {
                    break;
                }
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CombineWindow, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                ConsumptionLog.CombinerFailed(logger, "combine", e.Message);
            }
        }
    }

    /// <summary>Groups notifications (oldest first) and dispatches one message per group.</summary>
    private async Task<int> SendAsync(ChannelKind channel, string source, string[] items, CancellationToken cancellationToken)
    {
        var messages = Combine(channel, Parse(source, items));
        foreach (var message in messages)
        {
            var decorated = message;
            foreach (var decorator in _decorators)
            {
                decorated = decorator.Decorate(decorated, null);
            }

            await dispatcher.DispatchAsync(decorated, cancellationToken);
        }

        ConsumptionLog.Combined(logger, source, items.Length, messages.Count);
        return messages.Count;
    }

    /// <summary>open-falcon's grouping: by priority, status, recipient and metric, in order of first appearance.</summary>
    public static IReadOnlyList<AlarmMessage> Combine(ChannelKind channel, IEnumerable<UserNotification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var messages = new List<AlarmMessage>();
        foreach (var group in notifications.GroupBy(static n => (n.Priority, n.Status, n.Recipient, n.Group, n.Metric)))
        {
            var members = group.ToList();
            var first = members[0];
            IReadOnlyList<string> recipients = first.Group ? [] : [first.Recipient];
            IReadOnlyList<string> groups = first.Group ? [first.Recipient] : [];
            if (members.Count == 1)
            {
                messages.Add(new AlarmMessage(first.Id, channel, recipients, groups, first.Subject, first.Content, first.Priority, first.Status, first.EventId, []));
                continue;
            }

            var id = first.Id + "+" + (members.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (subject, content) = channel == ChannelKind.Mail
                ? (AlarmContent.CombinedMailSubject(first.Priority, first.Status, members.Count, first.Metric), string.Join("\r\n", members.Select(static m => m.Content)))
                : ("", AlarmContent.CombinedSms(first.Priority, first.Status, members.Count, first.Metric, first.Content));
            messages.Add(new AlarmMessage(id, channel, recipients, groups, subject, content, first.Priority, first.Status, first.EventId, []));
        }

        return messages;
    }

    private List<UserNotification> Parse(string source, string[] items)
    {
        var notifications = new List<UserNotification>(items.Length);
        foreach (var item in items)
        {
            UserNotification? notification = null;
            try
            {
                notification = JsonSerializer.Deserialize(item, RoutingJsonContext.Default.UserNotification);
            }
            catch (JsonException)
            {
            }

            if (notification is null || notification.Recipient.Length == 0)
            {
                ConsumptionLog.CombinerEntryUnreadable(logger, source, item.Length > 200 ? item[..200] : item);
                continue;
            }

            notifications.Add(notification);
        }

        return notifications;
    }
}
