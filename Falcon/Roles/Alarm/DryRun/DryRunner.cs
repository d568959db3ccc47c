using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Roles.Alarm.Routing;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.DryRun;

/// <summary>
/// Routes an event through <see cref="EventRouting"/> in plan-only mode (the consumer's own lookups, silences and
/// channel rules) and describes the plan. Nothing is recorded, queued, called back or sent.
/// </summary>
internal sealed class DryRunner(EventRouting routing, IOptions<ConsumerOptions> consumer, IEnumerable<IChannelSender> senders)
{
    private static readonly ChannelKind[] ChannelOrder = [ChannelKind.Phone, ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail];

    /// <summary>The description of the event's route; an action that does not exist is a note.</summary>
    public async Task<DryRunAnswer> RunAsync(DryRunSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var e = subject.Event;
        var notes = new List<string>(subject.Notes);
        var queue = consumer.Value.Queues().FirstOrDefault(q => q.Queue.EndsWith("p" + e.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        if (queue.Queue is null)
        {
            notes.Add($"no queue of alarm.consumer takes priority {e.Priority} events: this alarm role would never read the event; shown as if sent at once");
        }

        var consumed = new ConsumedEvent(queue.Queue ?? "", "", e, queue.Queue is null || queue.IsHigh, false);
        var routed = e.ActionId > 0 ? await routing.RouteAsync(consumed, RouteMode.PlanOnly, cancellationToken) : null;
        if (routed is null)
        {
            if (e.ActionId > 0)
            {
                notes.Add($"action {e.ActionId} does not exist: the alarm reaches no one");
            }

            return Answer(subject, queue.Queue, consumed.IsHigh, null, notes);
        }

        var sent = Destinations(routed.Plan);
        NoteUnconfigured(sent, notes);
        var route = routed.Filtered;
        if (route.Users.Count == 0 && route.GroupTargets.Count == 0 && routed.Route.Users.Count == 0)
        {
            notes.Add($"action {route.ActionId} names no team with members: the alarm reaches no one");
        }

        var escalations = new List<DryRunEscalation>();
        foreach (var step in routed.Route.Escalations)
        {
            var stepRoute = routing.Route(consumed, routed.Route.ForEscalation(step), RouteMode.PlanOnly, new EscalationNotice(step.Step, step.AfterMinutes));
            var kept = stepRoute.Filtered.Users.Select(static u => u.Name).ToHashSet(StringComparer.Ordinal);
            escalations.Add(new DryRunEscalation
            {
                Step = step.Step,
                AfterMinutes = step.AfterMinutes,
                Teams = step.Teams,
                Users = [.. step.Users.Select(static u => u.Name).Where(kept.Contains)],
                Silenced = [.. step.Users.Select(static u => u.Name).Where(n => !kept.Contains(n))],
            });
        }

        return Answer(subject, queue.Queue, consumed.IsHigh, routed, notes) with
        {
            Recipients = Recipients(routed, sent),
            GroupChats = [.. sent.Where(static d => d.Group).Select(static d => d.Recipient).Distinct(StringComparer.Ordinal)],
            SilencedGroupChats = [.. routed.Route.GroupTargets.Where(g => !route.Groups.Contains(g, StringComparer.Ordinal))],
            Callback = route.Callback && !string.IsNullOrWhiteSpace(route.Url) ? CallbackInvoker.CallbackUrl(e, route.Url) : null,
            Escalations = escalations,
        };
    }

    private static DryRunAnswer Answer(DryRunSubject subject, string? queue, bool immediate, RoutedEvent? routed, List<string> notes) => new()
    {
        EventId = subject.Event.Id,
        Endpoint = subject.Event.Endpoint,
        Metric = AlarmContent.Metric(subject.Event),
        Priority = subject.Event.Priority,
        Status = subject.Event.Status,
        ActionId = subject.Event.ActionId,
        Template = subject.Template,
        Queue = queue,
        Immediate = immediate,
        Switches = routed is null ? new DryRunSwitches() : new DryRunSwitches { Phone = routed.Route.Channels.Phone, Im = routed.Route.Channels.Im, GroupChat = routed.Route.Channels.GroupChat },
        Notes = notes,
    };

    // Every (channel, address) the plan sends to, now or combined later; group chats flagged.
    private static HashSet<Destination> Destinations(RoutePlan plan)
    {
        var sent = new HashSet<Destination>();
        foreach (var message in plan.Messages)
        {
            sent.UnionWith(message.Recipients.Select(r => new Destination(message.Channel, r, false)));
            sent.UnionWith(message.Groups.Select(g => new Destination(message.Channel, g, true)));
        }

        foreach (var (channel, notification) in plan.Deferred)
        {
            sent.Add(new Destination(channel, notification.Recipient, notification.Group));
        }

        return sent;
    }

    private static List<DryRunRecipient> Recipients(RoutedEvent routed, HashSet<Destination> sent)
    {
        var kept = routed.Filtered.Users.Select(static u => u.Name).ToHashSet(StringComparer.Ordinal);
        return [.. routed.Route.Users.Select(u => new DryRunRecipient
        {
            User = u.Name,
            Channels = [.. ChannelOrder.Where(c => kept.Contains(u.Name) && sent.Contains(new Destination(c, Address(u, c), false))).Select(Name)],
            Addresses = new DryRunAddresses { Im = u.Im, Mail = u.Email, Phone = u.Phone },
            Silenced = !kept.Contains(u.Name),
        })];
    }

    private void NoteUnconfigured(HashSet<Destination> sent, List<string> notes)
    {
        var configured = senders.Where(static s => s.IsConfigured).Select(static s => s.Channel).ToHashSet();
        foreach (var channel in ChannelOrder.Where(c => !configured.Contains(c) && sent.Any(d => d.Channel == c)))
        {
            notes.Add($"no {Name(channel)} channel is configured (alarm.{Name(channel)}): those messages would be dropped");
        }
    }

    private static string Address(AlarmUser user, ChannelKind channel) => channel switch
    {
        ChannelKind.Phone or ChannelKind.Sms => user.Phone,
        ChannelKind.Im => user.Im,
        _ => user.Email,
    };

    private static string Name(ChannelKind channel) => channel.ToString().ToLowerInvariant();

    private readonly record struct Destination(ChannelKind Channel, string Recipient, bool Group);
}
