using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>Fills a provider body template's placeholders, each escaped for the body's format.</summary>
internal static class BodyTemplate
{
    public static string Fill(string template, HttpBodyFormat format, AlarmMessage message, string? recipient)
    {
        var builder = new StringBuilder(template.Length + message.Content.Length);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                builder.Append(template, i, template.Length - i);
                break;
            }

            builder.Append(template, i, open - i);
            var close = template.IndexOf('}', open + 1);
            var name = close > open ? template[(open + 1)..close] : null;
            var value = name is null ? null : Value(name, message, recipient);
            if (value is null)
            {
                // Not a placeholder (JSON braces): keep the character.
                builder.Append('{');
                i = open + 1;
                continue;
            }

            builder.Append(Escape(value, format));
            i = close + 1;
        }

        return builder.ToString();
    }

    /// <summary>True when the template, with every placeholder filled with plain text, is valid JSON.</summary>
    public static bool IsJsonTemplate(string template)
    {
        var sample = new AlarmMessage("id", ChannelKind.Sms, ["13800000000"], [], "s", "c \"quoted\"", 0, "PROBLEM", "e", []);
        try
        {
            using var _ = JsonDocument.Parse(Fill(template, HttpBodyFormat.Json, sample, "13800000000"));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Value(string name, AlarmMessage message, string? recipient) => name switch
    {
        "tos" => string.Join(',', message.Recipients),
        "to" => recipient ?? string.Join(',', message.Recipients),
        "content" => message.Content,
        "subject" => message.Subject,
        "id" => message.Id,
        "priority" => message.Priority.ToString(CultureInfo.InvariantCulture),
        "status" => message.Status,
        _ => null,
    };

    private static string Escape(string value, HttpBodyFormat format) => format == HttpBodyFormat.Form
        ? Uri.EscapeDataString(value)
        : JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value);
}
