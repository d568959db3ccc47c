using Falcon.Shared.Model.Events;

namespace Falcon.Roles.Alarm.Consumption;

/// <summary>An event taken from a queue and held in this instance's in-flight list until it is acknowledged.</summary>
/// <param name="Queue">The open-falcon list it came from (event:pN).</param>
/// <param name="Raw">The exact text in Redis; acknowledging removes this text from the in-flight list.</param>
/// <param name="Event">The parsed event.</param>
/// <param name="IsHigh">Whether the queue is one of the high queues (routed at once rather than combined).</param>
/// <param name="Recovered">Taken back from an in-flight list after a stop, so it may already have been recorded.</param>
internal sealed record ConsumedEvent(string Queue, string Raw, JudgeEvent Event, bool IsHigh, bool Recovered);
