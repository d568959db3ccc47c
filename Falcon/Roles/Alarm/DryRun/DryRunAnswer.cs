namespace Falcon.Roles.Alarm.DryRun;

/// <summary>What a dry run answers: who an alarm would reach on which channel, and what would happen besides; nothing is sent.</summary>
internal sealed record DryRunAnswer
{
    public string EventId { get; init; } = "";

    public string Endpoint { get; init; } = "";

    public string Metric { get; init; } = "";

    public int Priority { get; init; }

    public string Status { get; init; } = "";

    public long ActionId { get; init; }

    /// <summary>The template whose action routes the alarm (empty for an expression).</summary>
    public string Template { get; init; } = "";

    /// <summary>The configured queue that takes events of this priority, or null when none does.</summary>
    public string? Queue { get; init; }

    /// <summary>True when sent at once (a high queue); false when combined per user and metric (a low queue).</summary>
    public bool Immediate { get; init; }

    /// <summary>The action's channel switches.</summary>
    public DryRunSwitches Switches { get; init; } = new();

    public IReadOnlyList<DryRunRecipient> Recipients { get; init; } = [];

    /// <summary>Group chats that would get the alarm.</summary>
    public IReadOnlyList<string> GroupChats { get; init; } = [];

    /// <summary>Group chats of the action left out by a silence.</summary>
    public IReadOnlyList<string> SilencedGroupChats { get; init; } = [];

    /// <summary>The callback URL that would be called (GET), with the event's parameters; null when the action has none.</summary>
    public string? Callback { get; init; }

    public IReadOnlyList<DryRunEscalation> Escalations { get; init; } = [];

    /// <summary>Why the alarm might not happen as shown (host not bound, in maintenance, a channel not configured ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
