namespace Falcon.Roles.Console.Auth;

/// <summary>`GET /api/session`: who is signed in, whether an admin, and the CSRF token to send on mutating calls.</summary>
internal sealed class SessionInfo
{
    public string Name { get; init; } = "";

    public bool Admin { get; init; }

    public string Csrf { get; init; } = "";

    public DateTimeOffset Expires { get; init; }

    /// <summary>The silence durations offered on the alarms page (alarm.silences.durations).</summary>
    public IReadOnlyList<string> SilenceDurations { get; init; } = [];
}
