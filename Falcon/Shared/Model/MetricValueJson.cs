using System.Runtime.InteropServices;
using System.Text.Json;

namespace Falcon.Shared.Model;

/// <summary>Reads a pushed JSON array of <see cref="MetricValue"/> into one entry per element, so a bad item never fails the batch.</summary>
internal static class MetricValueJson
{
    /// <summary>Reads the JSON array at the start of <paramref name="utf8Json"/>; a JSON null is an empty batch.</summary>
    /// <remarks>Content after the array is ignored, as Go's json.Decoder in /api/push ignores it.</remarks>
    /// <returns>One entry per element: null for a JSON null element, else an item that may carry a <see cref="MetricValue.DecodeError"/>.</returns>
    /// <exception cref="JsonException">The text is not JSON, or its first value is not an array or null.</exception>
    public static List<MetricValue?> ReadArray(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        reader.Read();
        return ReadArray(ref reader);
    }

    /// <summary>Reads an array that is already parsed, such as the first parameter of a JSON-RPC Transfer.Update call.</summary>
    public static List<MetricValue?> ReadArray(JsonElement element) => ReadArray(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>Reads the array at the reader's current token and leaves the reader on its end.</summary>
    public static List<MetricValue?> ReadArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a JSON array of metric values.");
        }

        var items = new List<MetricValue?>();
        var endpoints = default(RepeatedText);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.Null ? null : MetricValueJsonConverter.ReadItem(ref reader, ref endpoints));
        }

        return items;
    }
}
