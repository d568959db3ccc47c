using System.Text.Json;
using System.Text.Json.Serialization;

namespace Falcon.Shared.Model;

/// <summary>Reads and writes a <see cref="TagSet"/> as a JSON object of strings, the form judge items, strategies and events use.</summary>
internal sealed class TagSetJsonConverter : JsonConverter<TagSet>
{
    public override TagSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Tags must be a JSON object of strings.");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string key = reader.GetString()!;
            reader.Read();
            string value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                // Go stores a JSON null in a map[string]string as "".
                JsonTokenType.Null => "",
                _ => throw new JsonException("A tag value must be a string."),
            };
            pairs.Add(new(key, value));
        }

        return TagSet.From(pairs);
    }

    public override void Write(Utf8JsonWriter writer, TagSet value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, tagValue) in value)
        {
            writer.WriteString(key, tagValue);
        }

        writer.WriteEndObject();
    }
}
