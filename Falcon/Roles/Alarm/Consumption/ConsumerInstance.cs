namespace Falcon.Roles.Alarm.Consumption;

/// <summary>One entry of the consumer registry.</summary>
internal sealed record ConsumerInstance(string Id, string Token, DateTimeOffset LastBeat, string RawValue);
