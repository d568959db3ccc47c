namespace Falcon.Roles.Alarm.Heartbeat;

/// <summary>A message to the fallback receiver: the pipeline went silent, or came back.</summary>
/// <param name="Recovered">True for the recovery, false for the silence.</param>
/// <param name="Text">What was found, in words.</param>
/// <param name="AtUnixMs">When it was found.</param>
internal sealed record FallbackMessage(bool Recovered, string Text, long AtUnixMs);
