using Falcon.Shared.Model.Strategies;

namespace Falcon.Shared.Model.Events;

/// <summary>
/// The alarm pipeline's heartbeat: an event judge pushes to an event queue on a schedule, which alarm recognizes by its
/// id, notes the arrival of, and never records or sends (docs/heartbeat.md). It is an expression event with action 0,
/// so an open-falcon alarm that meets one routes it to no one.
/// </summary>
internal static class PipelineHeartbeat
{
    /// <summary>The event id of every heartbeat; no strategy or expression id looks like it (theirs start with s_ or e_).</summary>
    public const string EventId = "falcon_pipeline_heartbeat";

    /// <summary>The metric named in the heartbeat's expression.</summary>
    public const string Metric = "falcon.pipeline.heartbeat";

    /// <summary>Whether <paramref name="judgeEvent"/> is a heartbeat rather than an alarm.</summary>
    public static bool Is(JudgeEvent judgeEvent)
    {
        ArgumentNullException.ThrowIfNull(judgeEvent);
        return judgeEvent.Id == EventId;
    }

    /// <summary>A heartbeat from the judge <paramref name="judge"/> (its endpoint), on the queue of <paramref name="priority"/>.</summary>
    public static JudgeEvent Create(string judge, int priority, DateTimeOffset now) => new()
    {
        Id = EventId,
        Expression = new Expression
        {
            Id = 0,
            Metric = Metric,
            Func = "all(#1)",
            Operator = "==",
            RightValue = 0,
            MaxStep = 1,
            Priority = priority,
            Note = "Falcon alarm pipeline heartbeat, not an alarm",
            ActionId = 0,
        },
        Status = JudgeEventStatus.Ok,
        Endpoint = judge,
        LeftValue = 0,
        CurrentStep = 1,
        EventTime = now.ToUnixTimeSeconds(),
    };
}
