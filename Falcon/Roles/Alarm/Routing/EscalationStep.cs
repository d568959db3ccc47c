namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// One escalation step of an action (falcon_portal.falcon_action_escalation): when a case stays unacknowledged
/// <paramref name="AfterMinutes"/> after it began, the users of <paramref name="Teams"/> are notified.
/// </summary>
internal sealed record EscalationStep(int Step, int AfterMinutes, IReadOnlyList<string> Teams, IReadOnlyList<AlarmUser> Users);
