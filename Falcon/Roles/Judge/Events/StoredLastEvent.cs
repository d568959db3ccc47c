using System.Text.Json.Serialization;
using Falcon.Roles.Judge.Evaluation;
using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Judge.Events;

/// <summary>
/// A <see cref="LastEvent"/> as kept in Redis under <c>judge:last:&lt;eventId&gt;</c>: a small JSON object whose status uses the
/// event wire strings ("PROBLEM"/"OK"), so the key reads the same as the events an operator sees on the queues.
/// </summary>
internal sealed record StoredLastEvent
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [JsonPropertyName("currentStep")]
    public int CurrentStep { get; init; }

    [JsonPropertyName("eventTime")]
    public long EventTime { get; init; }

    public static StoredLastEvent From(LastEvent last)
    {
        ArgumentNullException.ThrowIfNull(last);
        return new StoredLastEvent
        {
            Status = last.Status == EventStatus.Problem ? JudgeEventStatus.Problem : JudgeEventStatus.Ok,
            CurrentStep = last.CurrentStep,
            EventTime = last.EventTime,
        };
    }

    /// <summary>The state-machine form, or null when the status is neither wire value (a damaged or foreign key).</summary>
    public LastEvent? ToLastEvent() => Status switch
    {
        JudgeEventStatus.Problem => new LastEvent(EventStatus.Problem, CurrentStep, EventTime),
        JudgeEventStatus.Ok => new LastEvent(EventStatus.Ok, CurrentStep, EventTime),
        _ => null,
    };
}
