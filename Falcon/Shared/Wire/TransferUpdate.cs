using System.Buffers;
using System.Text.Json;
using Falcon.Shared.Model;

namespace Falcon.Shared.Wire;

/// <summary>open-falcon's `Transfer.Update` call as clients send it: the method name and its params, an array of metric values.</summary>
internal static class TransferUpdate
{
    public const string Method = "Transfer.Update";

    /// <summary>The params of one call, serialised once so every address tried sends the same bytes.</summary>
    public static ReadOnlyMemory<byte> Serialize(IReadOnlyList<MetricValue> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(points.Count, 1) * 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var point in points)
            {
                JsonSerializer.Serialize(writer, point, ModelJsonContext.Default.MetricValue);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>open-falcon's reply counts (`Total`, `Invalid`); 0 for a count the reply lacks.</summary>
    public static (int Total, int Invalid) ReadReply(JsonElement result) => (ReadInt(result, "Total"), ReadInt(result, "Invalid"));

    // TransferResponse has Go field names and no json tags; Go writes them as-is, other servers may not.
    private static int ReadInt(JsonElement result, string name)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        foreach (var property in result.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.TryGetInt32(out var value))
            {
                return value;
            }
        }

        return 0;
    }
}
