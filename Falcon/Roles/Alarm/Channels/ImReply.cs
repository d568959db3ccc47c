using System.Net;
using System.Text.Json;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>Reads an IM provider's answer the provider's way: a 200 whose body carries an error code is a failure.</summary>
internal static class ImReply
{
    public static SendOutcome Read(ImProvider provider, HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (code is < 200 or > 299)
        {
            return SendOutcome.Failed($"HTTP {code}{Snippet(body)}");
        }

        return provider switch
        {
            ImProvider.Slack => body.Trim() == "ok" ? SendOutcome.Ok : SendOutcome.Failed($"HTTP {code}{Snippet(body)}"),
            ImProvider.Feishu => ReadCode(body, "code", "StatusCode", "msg"),
            ImProvider.Dingtalk or ImProvider.Wecom => ReadCode(body, "errcode", null, "errmsg"),
            _ => SendOutcome.Ok,
        };
    }

    /// <summary>Success when the first present code field is 0.</summary>
    private static SendOutcome ReadCode(string body, string field, string? olderField, string messageField)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty(field, out var value) || (olderField is not null && root.TryGetProperty(olderField, out value))))
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number == 0)
                {
                    return SendOutcome.Ok;
                }

                var message = root.TryGetProperty(messageField, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                    : root.TryGetProperty("StatusMessage", out m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                    : null;
                return SendOutcome.Failed($"{field} {value.GetRawText()}: {message ?? "(no message)"}");
            }

            return SendOutcome.Failed($"answer has no {field}{Snippet(body)}");
        }
        catch (JsonException)
        {
            return SendOutcome.Failed($"answer is not JSON{Snippet(body)}");
        }
    }

    /// <summary>The start of an answer body for a log line (provider error pages can be long).</summary>
    public static string Snippet(string body) =>
        string.IsNullOrWhiteSpace(body) ? string.Empty : body.Length <= 200 ? $": {body.Trim()}" : $": {body.AsSpan(0, 200).Trim()}…";
}
