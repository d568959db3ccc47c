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
/// to the configured priorities on PROBLEM only, at once whatever the queue. Group chats only ever get IM. The action's
/// switches turn phone calls, IM to users and group chats off. An escalation is sent at once, whatever the queue.
/// </summary>
internal sealed class EventRouter(IOptions<RoutingOptions> options)
{
    private readonly RoutingOptions _options = options.Value;

    public RoutePlan Plan(ConsumedEvent consumed, ActionRoute route, EscalationNotice? escalation = null)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        ArgumentNullException.ThrowIfNull(route);
        var e = consumed.Event;
        var prefix = escalation is null ? "" : escalation.Prefix;
        var suffix = escalation?.IdSuffix;
        var sms = prefix + AlarmContent.Sms(e);
        var messages = new List<AlarmMessage>();
        var deferred = new List<(ChannelKind, UserNotification)>();
        var phones = route.Phones;
        var ims = route.ImTargets;
        var groups = route.GroupTargets;
        var smsWanted = e.Priority < 3;

        if (route.Channels.Phone && _options.EffectivePhonePriorities.Contains(e.Priority) && e.Status == JudgeEventStatus.Problem && phones.Count > 0)
        {
            messages.Add(Message(e, ChannelKind.Phone, phones, [], "", prefix + AlarmContent.Phone(e), suffix));
        }

        if (consumed.IsHigh || escalation is not null)
        {
            if (smsWanted && phones.Count > 0)
            {
                messages.Add(Message(e, ChannelKind.Sms, phones, [], "", sms, suffix));
            }

            if (ims.Count > 0 || groups.Count > 0)
            {
                messages.Add(Message(e, ChannelKind.Im, ims, groups, "", sms, suffix));
            }

            if (route.Emails.Count > 0)
            {
                messages.Add(Message(e, ChannelKind.Mail, route.Emails, [], sms, prefix + AlarmContent.Mail(e, _options.Dashboard), suffix));
            }

            return new RoutePlan(messages, deferred);
        }

        var metric = AlarmContent.Metric(e);
        if (smsWanted)
        {
            deferred.AddRange(phones.Select(p => (ChannelKind.Sms, Notification(e, ChannelKind.Sms, metric, p, false, "", sms))));
        }

        deferred.AddRange(ims.Select(im => (ChannelKind.Im, Notification(e, ChannelKind.Im, metric, im, false, "", sms))));
        deferred.AddRange(groups.Select(g => (ChannelKind.Im, Notification(e, ChannelKind.Im, metric, g, true, "", sms))));
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

    private static AlarmMessage Message(JudgeEvent e, ChannelKind channel, IReadOnlyList<string> recipients, IReadOnlyList<string> groups, string subject, string content, string? suffix) =>
        new(MessageId(e, channel, suffix), channel, recipients, groups, subject, content, e.Priority, e.Status, e.Id, []);

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
