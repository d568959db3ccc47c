namespace Falcon.Roles.Alarm.Channels;

/// <summary>A button on an alarm card: its label and the (signed, expiring) link it opens.</summary>
internal sealed record MessageAction(string Label, string Url);
