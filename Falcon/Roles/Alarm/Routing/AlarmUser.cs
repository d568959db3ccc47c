namespace Falcon.Roles.Alarm.Routing;

/// <summary>A uic user as routing needs them; empty strings where the user has no such contact.</summary>
internal sealed record AlarmUser(string Name, string Phone, string Email, string Im);
