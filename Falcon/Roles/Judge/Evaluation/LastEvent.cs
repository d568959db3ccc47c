namespace Falcon.Roles.Judge.Evaluation;

/// <summary>The last event sent for one event id: all the state machine needs, and what a judge persists to survive a restart.</summary>
internal sealed record LastEvent(EventStatus Status, int CurrentStep, long EventTime);
