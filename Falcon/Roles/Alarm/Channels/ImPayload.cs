using System.Buffers;
using System.Text.Json;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>
/// The request body each IM provider's bot webhook takes, written from the message at send time, so a card is a card
/// on every try and every retry round (the fork re-queued failed cards as text).
/// </summary>
internal static class ImPayload
{
    /// <summary>The JSON body; <paramref name="signature"/> is Feishu's (timestamp, sign) pair when the bot is signed.</summary>
    public static byte[] Create(ImProvider provider, AlarmMessage message, (string Timestamp, string Sign)? signature = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            switch (provider)
            {
                case ImProvider.Feishu:
                    WriteFeishu(json, message, signature);
                    break;
                case ImProvider.Dingtalk:
                    WriteDingTalk(json, message);
                    break;
                case ImProvider.Wecom:
                    WriteWeCom(json, message);
                    break;
                case ImProvider.Slack:
                    WriteSlack(json, message);
                    break;
                default:
                    WriteWebhook(json, message);
                    break;
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsProblem(AlarmMessage message) => !string.Equals(message.Status, "OK", StringComparison.OrdinalIgnoreCase);

    private static string Title(AlarmMessage message) => string.IsNullOrWhiteSpace(message.Subject) ? $"[P{message.Priority}][{message.Status}]" : message.Subject;

    // https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot: msg_type interactive, card header + elements.
    private static void WriteFeishu(Utf8JsonWriter json, AlarmMessage message, (string Timestamp, string Sign)? signature)
    {
        if (signature is { } s)
        {
            json.WriteString("timestamp", s.Timestamp);
            json.WriteString("sign", s.Sign);
        }

        json.WriteString("msg_type", "interactive");
        json.WriteStartObject("card");
        json.WriteStartObject("config");
        json.WriteBoolean("wide_screen_mode", true);
        json.WriteEndObject();
        json.WriteStartObject("header");
        json.WriteString("template", IsProblem(message) ? "red" : "green");
        json.WriteStartObject("title");
        json.WriteString("tag", "plain_text");
        json.WriteString("content", Title(message));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("elements");
        json.WriteStartObject();
        json.WriteString("tag", "div");
        json.WriteStartObject("text");
        json.WriteString("tag", "lark_md");
        var mentions = string.Concat(message.Recipients.Select(r => $" <at id={r}></at>"));
        json.WriteString("content", message.Content + mentions);
        json.WriteEndObject();
        json.WriteEndObject();
        if (message.Actions.Count > 0)
        {
            json.WriteStartObject();
            json.WriteString("tag", "action");
            json.WriteStartArray("actions");
            for (var i = 0; i < message.Actions.Count; i++)
            {
                var action = message.Actions[i];
                json.WriteStartObject();
                json.WriteString("tag", "button");
                json.WriteStartObject("text");
                json.WriteString("tag", "plain_text");
                json.WriteString("content", action.Label);
                json.WriteEndObject();
                json.WriteString("type", i == 0 ? "primary" : "default");
                json.WriteString("url", action.Url);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // https://open.dingtalk.com/document/orgapp/custom-robot-access: actionCard with btns, markdown without.
    private static void WriteDingTalk(Utf8JsonWriter json, AlarmMessage message)
    {
        var text = $"### {Title(message)}\n\n{message.Content}{string.Concat(message.Recipients.Select(r => $" @{r}"))}";
        if (message.Actions.Count > 0)
        {
            json.WriteString("msgtype", "actionCard");
            json.WriteStartObject("actionCard");
            json.WriteString("title", Title(message));
            json.WriteString("text", text);
            json.WriteString("btnOrientation", "1");
            json.WriteStartArray("btns");
            foreach (var action in message.Actions)
            {
                json.WriteStartObject();
                json.WriteString("title", action.Label);
                json.WriteString("actionURL", action.Url);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("msgtype", "markdown");
            json.WriteStartObject("markdown");
            json.WriteString("title", Title(message));
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        json.WriteStartObject("at");
        json.WriteStartArray("atUserIds");
        foreach (var recipient in message.Recipients)
        {
            json.WriteStringValue(recipient);
        }

        json.WriteEndArray();
        json.WriteBoolean("isAtAll", false);
        json.WriteEndObject();
    }

    // https://developer.work.weixin.qq.com/document/path/91770: markdown; links stand in for buttons because a
    // template_card needs a card_action, which would make a click anywhere on the card open the first action.
    private static void WriteWeCom(Utf8JsonWriter json, AlarmMessage message)
    {
        var colour = IsProblem(message) ? "warning" : "info";
        var links = string.Concat(message.Actions.Select(a => $"\n[{a.Label}]({a.Url})"));
        var mentions = string.Concat(message.Recipients.Select(r => $" <@{r}>"));
        json.WriteString("msgtype", "markdown");
        json.WriteStartObject("markdown");
        json.WriteString("content", $"<font color=\"{colour}\">**{Title(message)}**</font>\n{message.Content}{links}{mentions}");
        json.WriteEndObject();
    }

    // https://api.slack.com/messaging/webhooks and Block Kit: header, section, actions with link buttons.
    private static void WriteSlack(Utf8JsonWriter json, AlarmMessage message)
    {
        var mentions = string.Concat(message.Recipients.Select(r => $" <@{r}>"));
        json.WriteString("text", $"{Title(message)}\n{message.Content}");
        json.WriteStartArray("blocks");
        json.WriteStartObject();
        json.WriteString("type", "header");
        json.WriteStartObject("text");
        json.WriteString("type", "plain_text");
        json.WriteString("text", Truncate(Title(message), 150));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartObject("text");
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", Truncate(message.Content + mentions, 3000));
        json.WriteEndObject();
        json.WriteEndObject();
        if (message.Actions.Count > 0)
        {
            json.WriteStartObject();
            json.WriteString("type", "actions");
            json.WriteStartArray("elements");
            foreach (var action in message.Actions.Take(25))
            {
                json.WriteStartObject();
                json.WriteString("type", "button");
                json.WriteStartObject("text");
                json.WriteString("type", "plain_text");
                json.WriteString("text", Truncate(action.Label, 75));
                json.WriteEndObject();
                json.WriteString("url", action.Url);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteWebhook(Utf8JsonWriter json, AlarmMessage message)
    {
        json.WriteString("id", message.Id);
        json.WriteString("channel", message.Channel.ToString().ToLowerInvariant());
        WriteStrings(json, "recipients", message.Recipients);
        WriteStrings(json, "groups", message.Groups);
        json.WriteString("subject", message.Subject);
        json.WriteString("content", message.Content);
        json.WriteNumber("priority", message.Priority);
        json.WriteString("status", message.Status);
        json.WriteString("eventId", message.EventId);
        json.WriteStartArray("actions");
        foreach (var action in message.Actions)
        {
            json.WriteStartObject();
            json.WriteString("label", action.Label);
            json.WriteString("url", action.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
