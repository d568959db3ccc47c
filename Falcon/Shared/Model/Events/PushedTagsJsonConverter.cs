using System.Text.Json;
using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Events;

/// <summary>An event's pushedTags: null or {} read as no tags; no tags write as null, as Go's judge writes the nil map gob gives it.</summary>
internal sealed class PushedTagsJsonConverter : JsonConverter<TagSet>
{
    private static readonly TagSetJsonConverter Inner = new();

    public override bool HandleNull => true;

    public override TagSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? TagSet.Empty : Inner.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, TagSet value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null || value.Count == 0)
        {
            writer.WriteNullValue();
            return;
        }

        Inner.Write(writer, value, options);
    }
}
