using System.Text;
using System.Text.Json;

namespace Falcon.Roles.Console.Config.People;

/// <summary>JSON for the old and new values of action audit rows.</summary>
internal static class AuditJson
{
    /// <summary>The bytes as text when they are one JSON value (a request or answer body), else null.</summary>
    public static string? OrNull(byte[]? json)
    {
        if (json is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetRawText();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A flat object of string properties, in the order given.</summary>
    public static string Object(params (string Name, string Value)[] properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
