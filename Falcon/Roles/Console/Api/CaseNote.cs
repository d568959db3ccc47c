namespace Falcon.Roles.Console.Api;

/// <summary>One event_note row: what was written, with which status, when, and by whom.</summary>
internal sealed record CaseNote(string Note, string Status, DateTimeOffset At, string User);
