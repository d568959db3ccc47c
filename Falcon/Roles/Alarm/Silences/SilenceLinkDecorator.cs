using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.Silences;

/// <summary>
/// Puts "Silence 1h" ... buttons on IM alarms, one set per recipient (IM id or group chat) so that a click silences
/// that recipient only. With more recipients than <see cref="MaxRecipientsWithButtons"/> a card would be all buttons,
/// so it gets none and people use `falcon silence add` instead.
/// </summary>
internal sealed class SilenceLinkDecorator(SilenceLinks links) : IAlarmMessageDecorator
{
    public const int MaxRecipientsWithButtons = 3;

    public AlarmMessage Decorate(AlarmMessage message, JudgeEvent? source)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (source is null || message.Channel != ChannelKind.Im || !links.Enabled || source.Status != JudgeEventStatus.Problem)
        {
            return message;
        }

        var recipients = message.Recipients.Concat(message.Groups).Where(static r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0 || recipients.Count > MaxRecipientsWithButtons)
        {
            return message;
        }

        var counter = SeriesKey.Counter(MetricOf(source), source.PushedTags);
        var actions = new List<MessageAction>(message.Actions);
        foreach (var recipient in recipients)
        {
            foreach (var action in links.ActionsFor(recipient, source.Endpoint, counter))
            {
                actions.Add(recipients.Count == 1 ? action : action with { Label = $"{recipient}: {action.Label}" });
            }
        }

        return message with { Actions = actions };
    }

    /// <summary>The metric an event is about: its strategy's, else its expression's.</summary>
    public static string MetricOf(JudgeEvent source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Strategy?.Metric ?? source.Expression?.Metric ?? "";
    }
}
