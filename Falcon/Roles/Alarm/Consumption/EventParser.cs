using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Wire;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>Reads an event as judge writes it and says, in words, why one cannot be handled.</summary>
internal static class EventParser
{
    // The width of alarms.event_cases.id: a longer id could never be recorded.
    private const int MaxIdLength = 50;

    // A Go judge writes nil maps and slices as null (pushedTags, a strategy's tags): they read as empty.
    private static readonly JsonTypeInfo<JudgeEvent> EventType = GoNullTolerance.For(EventJsonContext.Default.JudgeEvent);

    /// <summary>The event, or null with the reason it goes to the dead-letter list.</summary>
    public static JudgeEvent? Parse(string raw, out string? reason)
    {
        JudgeEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(raw, EventType);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or FormatException or InvalidOperationException)
        {
            reason = "not an event in JSON: " + e.Message;
            return null;
        }

        reason = parsed is null ? "the event is JSON null" : Check(parsed);
        return reason is null ? parsed : null;
    }

    private static string? Check(JudgeEvent e)
    {
        if (string.IsNullOrWhiteSpace(e.Id))
        {
            return "the event has no id";
        }

        if (e.Id.Length > MaxIdLength)
        {
            return $"the event id is longer than {MaxIdLength} characters";
        }

        if (e.Status is not (JudgeEventStatus.Problem or JudgeEventStatus.Ok))
        {
            return $"status '{e.Status}' is neither PROBLEM nor OK";
        }

        if ((e.Strategy is null) == (e.Expression is null))
        {
            return "the event must carry exactly one of strategy and expression";
        }

        if (string.IsNullOrEmpty(e.Endpoint))
        {
            return "the event has no endpoint";
        }

        if (e.CurrentStep < 0 || e.Priority < 0 || (e.Strategy?.MaxStep ?? e.Expression!.MaxStep) < 0)
        {
            return "currentStep, maxStep and priority must not be negative";
        }

        if (e.EventTime <= 0 || e.EventTime > 4_102_444_800)
        {
            return $"eventTime {e.EventTime} is not a unix time in seconds";
        }

        if (double.IsNaN(e.LeftValue) || double.IsInfinity(e.LeftValue))
        {
            return "leftValue is not a finite number";
        }

        return null;
    }
}
