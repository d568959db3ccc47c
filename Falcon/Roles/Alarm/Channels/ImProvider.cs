namespace Falcon.Roles.Alarm.Channels;

/// <summary>`alarm.im.provider`: whose bot webhook format IM messages use.</summary>
internal enum ImProvider
{
    /// <summary>Feishu / Lark custom bot: interactive card with buttons; success is `code` (older `StatusCode`) == 0.</summary>
    Feishu,

    /// <summary>DingTalk custom robot: actionCard with buttons (markdown without); success is `errcode` == 0.</summary>
    Dingtalk,

    /// <summary>WeCom group robot: markdown with links; success is `errcode` == 0.</summary>
    Wecom,

    /// <summary>Slack incoming webhook: blocks with link buttons; success is HTTP 200 with body `ok`.</summary>
    Slack,

    /// <summary>Any HTTP endpoint taking the message as JSON; success is a 2xx status.</summary>
    Webhook,

    /// <summary>LPUSH open-falcon's `/im` queue for a site's own sender.</summary>
    Queue,
}
