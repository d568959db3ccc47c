using Falcon.Roles.Alarm.Channels;

namespace Falcon.Roles.Alarm.Delivery;

/// <summary>A message in the failure or final-failure queue: the message itself (cards keep their actions) and its history.</summary>
/// <param name="Message">The message as routing made it (a card keeps its buttons).</param>
/// <param name="Rounds">Rounds that failed so far.</param>
/// <param name="LastError">Why the last try failed (never a secret).</param>
/// <param name="FirstFailedAt">When its first round failed.</param>
/// <param name="LastFailedAt">When its latest round failed.</param>
/// <param name="Replayed">Put back by `falcon alarm failed --replay`: one more failed round sends it to the final-failure queue.</param>
internal sealed record DeliveryRecord(
    AlarmMessage Message,
    int Rounds,
    bool Replayed,
    string? LastError,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt);
