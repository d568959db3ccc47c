namespace Falcon.Roles.Agent.Upgrade;

/// <summary>The watchdog's verdict at a start: the outcome, the marker it was about, and why when it restored.</summary>
internal sealed record WatchdogVerdict(WatchdogOutcome Outcome, UpgradeMarker? Marker, string Reason = "");
