namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// Whom a template's (or an expression's) alarms notify and how: falcon_portal.action (teams as action.uic, the
/// callback), action_im_group (group chats), falcon_action_channel (channel switches), falcon_action_escalation.
/// </summary>
internal sealed class ActionDocument
{
    public List<string> Teams { get; set; } = [];

    public string Url { get; set; } = "";

    public bool Callback { get; set; }

    public bool BeforeCallbackSms { get; set; }

    public bool BeforeCallbackMail { get; set; }

    public bool AfterCallbackSms { get; set; }

    public bool AfterCallbackMail { get; set; }

    public bool Phone { get; set; } = true;

    public bool Im { get; set; } = true;

    public bool GroupChat { get; set; } = true;

    public List<string> GroupChats { get; set; } = [];

    public List<EscalationDocument> Escalations { get; set; } = [];
}
