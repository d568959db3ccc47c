using System.Globalization;

namespace Falcon.Roles.Alarm.Routing;

/// <summary>Marks a plan as an escalation of a case: its texts say so, and its message ids are its own.</summary>
internal sealed record EscalationNotice(int Step, int AfterMinutes)
{
    /// <summary>Put before the alarm's usual text.</summary>
    public string Prefix => string.Create(CultureInfo.InvariantCulture, $"[ESCALATION: unacknowledged for {AfterMinutes} min]");

    /// <summary>Ends the message ids, so each step is delivered once however often it is planned.</summary>
    public string IdSuffix => string.Create(CultureInfo.InvariantCulture, $"escalation{Step}");
}
