namespace Falcon.Roles.Judge.Evaluation;

/// <summary>An event the judge must send; <see cref="EventTime"/> is the item timestamp in unix seconds.</summary>
internal sealed record EventDecision(string EventId, EventStatus Status, int CurrentStep, long EventTime, double LeftValue);
