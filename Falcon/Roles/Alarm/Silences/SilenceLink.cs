namespace Falcon.Roles.Alarm.Silences;

/// <summary>What a signed link asks for: silence <see cref="Counter"/> on <see cref="Endpoint"/> for <see cref="User"/> for <see cref="Duration"/>, if used before <see cref="Expires"/>.</summary>
internal sealed record SilenceLink(string User, string Endpoint, string Counter, TimeSpan Duration, DateTimeOffset Expires);
