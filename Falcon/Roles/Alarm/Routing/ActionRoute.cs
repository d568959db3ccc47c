namespace Falcon.Roles.Alarm.Routing;

/// <summary>
/// An action (falcon_portal.action) with the users of its teams (uic), its IM group chats, its channel switches and its
/// escalation steps.
/// </summary>
internal sealed record ActionRoute(
    long ActionId,
    string Url,
    bool Callback,
    bool BeforeCallbackSms,
    bool BeforeCallbackMail,
    bool AfterCallbackSms,
    bool AfterCallbackMail,
    IReadOnlyList<AlarmUser> Users,
    IReadOnlyList<string> Groups)
{
    /// <summary>The team names of action.uic, in their order.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>falcon_action_channel: which of phone, IM and group chats the action uses (all when it has no row).</summary>
    public ActionChannels Channels { get; init; } = ActionChannels.AllOn;

    /// <summary>falcon_action_escalation, in step order.</summary>
    public IReadOnlyList<EscalationStep> Escalations { get; init; } = [];

    /// <summary>Distinct non-empty phones of the users.</summary>
    public IReadOnlyList<string> Phones => Distinct(Users.Select(static u => u.Phone));

    /// <summary>Distinct non-empty e-mail addresses of the users.</summary>
    public IReadOnlyList<string> Emails => Distinct(Users.Select(static u => u.Email));

    /// <summary>Distinct non-empty IM ids of the users.</summary>
    public IReadOnlyList<string> Ims => Distinct(Users.Select(static u => u.Im));

    /// <summary>The IM ids messages go to: none when the action's IM switch is off.</summary>
    public IReadOnlyList<string> ImTargets => Channels.Im ? Ims : [];

    /// <summary>The group chats messages go to: none when the action's group-chat switch is off.</summary>
    public IReadOnlyList<string> GroupTargets => Channels.GroupChat ? Groups : [];

    /// <summary>The route of an escalation step: its teams' users, on this action's channel switches, no group chats, no callback.</summary>
    public ActionRoute ForEscalation(EscalationStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return this with
        {
            Users = step.Users,
            Groups = [],
            Teams = step.Teams,
            Callback = false,
            BeforeCallbackSms = false,
            BeforeCallbackMail = false,
            AfterCallbackSms = false,
            AfterCallbackMail = false,
        };
    }

    private static string[] Distinct(IEnumerable<string> values) =>
        [.. values.Where(static v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];
}
