using System.Globalization;
using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Model.Events;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// open-falcon's channel rules (alarm/cron/event_consumer.go) with the fork's phone and group chats. Events from the
/// high queues are sent at once: SMS when priority &lt; 3, IM (users and group chats) and mail always. Events from the
/// low queues become one notification per recipient and channel, combined later per user and metric. Phone calls go
/// to the configured priorities on PROBLEM only, at once whatever the queue. Group chats only ever get IM.
/// </summary>
internal sealed class EventRouter(IOptions<RoutingOptions> options)
{
    private readonly RoutingOptions _options = options.Value;

    public RoutePlan Plan(ConsumedEvent consumed, ActionRoute route)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        ArgumentNullException.ThrowIfNull(route);
        var e = consumed.Event;
        var sms = AlarmContent.Sms(e);
        var messages = new List<AlarmMessage>();
        var deferred = new List<(ChannelKind, UserNotification)>();
        var phones = route.Phones;
        var smsWanted = e.Priority < 3;

        if (_options.EffectivePhonePriorities.Contains(e.Priority) && e.Status == JudgeEventStatus.Problem && phones.Count > 0)
        {
            messages.Add(Message(e, ChannelKind.Phone, phones, [], "", AlarmContent.Phone(e)));
        }

        if (consumed.IsHigh)
        {
            if (smsWanted && phones.Count > 0)
            {
                messages.Add(Message(e, ChannelKind.Sms, phones, [], "", sms));
            }

            if (route.Ims.Count > 0 || route.Groups.Count > 0)
            {
                messages.Add(Message(e, ChannelKind.Im, route.Ims, route.Groups, "", sms));
            }

            if (route.Emails.Count > 0)
            {
                messages.Add(Message(e, ChannelKind.Mail, route.Emails, [], sms, AlarmContent.Mail(e, _options.Dashboard)));
            }

            return new RoutePlan(messages, deferred);
        }

        var metric = AlarmContent.Metric(e);
        if (smsWanted)
        {
            deferred.AddRange(route.Phones.Select(p => (ChannelKind.Sms, Notification(e, ChannelKind.Sms, metric, p, false, "", sms))));
        }

        deferred.AddRange(route.Ims.Select(im => (ChannelKind.Im, Notification(e, ChannelKind.Im, metric, im, false, "", sms))));
        deferred.AddRange(route.Groups.Select(g => (ChannelKind.Im, Notification(e, ChannelKind.Im, metric, g, true, "", sms))));
        if (route.Emails.Count > 0)
        {
            var mail = AlarmContent.Mail(e, _options.Dashboard);
            deferred.AddRange(route.Emails.Select(m => (ChannelKind.Mail, Notification(e, ChannelKind.Mail, metric, m, false, sms, mail))));
        }

        return new RoutePlan(messages, deferred);
    }

    /// <summary>A message id that stays the same when the same event is handled again, so delivery can drop the repeat.</summary>
    public static string MessageId(JudgeEvent e, ChannelKind channel, string? suffix = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Id}:{e.EventTime}:{e.Status}:{channel.ToString().ToLowerInvariant()}{(suffix is null ? "" : ":" + suffix)}");

    private static AlarmMessage Message(JudgeEvent e, ChannelKind channel, IReadOnlyList<string> recipients, IReadOnlyList<string> groups, string subject, string content) =>
        new(MessageId(e, channel), channel, recipients, groups, subject, content, e.Priority, e.Status, e.Id, []);

    private static UserNotification Notification(JudgeEvent e, ChannelKind channel, string metric, string recipient, bool group, string subject, string content) => new()
    {
        Id = MessageId(e, channel, recipient),
        EventId = e.Id,
        Priority = e.Priority,
        Status = e.Status,
        Metric = metric,
        Subject = subject,
        Content = content,
        Recipient = recipient,
        Group = group,
    };
}
