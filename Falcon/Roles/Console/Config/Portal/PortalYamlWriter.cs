using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Falcon.Roles.Console.Config.Portal;

/// <summary>
/// Writes a <see cref="PortalDocument"/> as YAML by hand rather than through a serializer, so the text depends only on
/// the objects' JSON: a string is written plain only when no YAML reader could take it for anything else (a number, a
/// boolean, null, a comment, a key), otherwise in double quotes with JSON's escapes, which YAML shares. Numbers keep
/// their JSON text. The same JSON always gives the same file, which is what lets configuration live in git.
/// </summary>
internal static partial class PortalYamlWriter
{
    private static readonly JsonWriterOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Words some YAML reader (1.1 or 1.2) takes for a boolean or null.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "null", "true", "false", "yes", "no", "on", "off", "y", "n" };

    public static string Write(PortalDocument document, string header)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        foreach (var line in header.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append("# ").Append(line.TrimEnd()).Append('\n');
        }

        foreach (var section in document.Sections)
        {
            text.Append(Key(section.Name)).Append(':');
            if (section.Objects.Count == 0)
            {
                text.Append(" []\n");
                continue;
            }

            text.Append('\n');
            foreach (var item in section.Objects)
            {
                using var json = JsonDocument.Parse(item.Json);
                text.Append('-');
                WriteItem(text, json.RootElement, 2);
            }
        }

        return text.ToString();
    }

    // After "key:" (the value's children indent to `indent`).
    private static void WriteValue(StringBuilder text, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when HasAny(value):
                text.Append('\n');
                foreach (var property in value.EnumerateObject())
                {
                    text.Append(' ', indent).Append(Key(property.Name)).Append(':');
                    WriteValue(text, property.Value, indent + 2);
                }

                break;
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                // A sequence under a key starts at the key's own column (YAML allows it; it is how people write it).
                text.Append('\n');
                foreach (var element in value.EnumerateArray())
                {
                    text.Append(' ', indent - 2).Append('-');
                    WriteItem(text, element, indent);
                }

                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    // After "-" (a mapping item's later keys line up with its first, at `indent`).
    private static void WriteItem(StringBuilder text, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when HasAny(value):
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    text.Append(' ', first ? 1 : indent).Append(Key(property.Name)).Append(':');
                    WriteValue(text, property.Value, indent + 2);
                    first = false;
                }

                break;
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                text.Append('\n');
                foreach (var element in value.EnumerateArray())
                {
                    text.Append(' ', indent).Append('-');
                    WriteItem(text, element, indent + 2);
                }

                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static bool HasAny(JsonElement value) => value.EnumerateObject().Any();

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        _ => throw new InvalidDataException($"unexpected JSON value {value.ValueKind}"),
    };

    private static string Key(string name) => Text(name);

    /// <summary>A string plain when that is safe, else double-quoted.</summary>
    internal static string Text(string value) =>
        SafePlain().IsMatch(value) && !Reserved.Contains(value)
            ? value
            : Quoted(value);

    private static string Quoted(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Quoting))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Starts with a letter, '_' or '/'; then letters, digits and . _ / @ = , ( ) + - * and single inner spaces; never
    // ':' or '#' (a key or a comment), never a trailing space.
    [GeneratedRegex(@"^[A-Za-z_/](?:[A-Za-z0-9_./@=,()+*-]| (?=[^ ]))*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePlain();
}
