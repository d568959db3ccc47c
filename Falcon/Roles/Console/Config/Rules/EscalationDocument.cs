namespace Falcon.Roles.Console.Config.Rules;

/// <summary>One escalation step: when a case stays unacknowledged <see cref="AfterMinutes"/>, notify <see cref="Teams"/>.</summary>
internal sealed class EscalationDocument
{
    public int AfterMinutes { get; set; }

    public List<string> Teams { get; set; } = [];
}
