using System.Buffers;
using System.Text.Json;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>
/// The fixed pointer key's value: which versioned snapshot is current, its generation and when it was made, as a
/// small JSON object an operator can read with GET. Readers poll only this and fetch the snapshot when it changes.
/// </summary>
internal sealed record SnapshotPointer(long Generation, DateTimeOffset CreatedAt, string Key, int Length)
{
    public TimeSpan AgeAt(DateTimeOffset now) => now - CreatedAt;

    /// <summary>`{"generation":N,...}` with generation first: the publish script reads it with a Lua pattern.</summary>
    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("generation", Generation);
            writer.WriteString("createdAt", CreatedAt.ToUniversalTime());
            writer.WriteString("key", Key);
            writer.WriteNumber("length", Length);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a pointer; null when the value is not one (then it is treated as missing, never as empty data).</summary>
    public static SnapshotPointer? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("generation", out var generation) && generation.ValueKind == JsonValueKind.Number && generation.TryGetInt64(out var g)
                && root.TryGetProperty("createdAt", out var createdAt) && createdAt.ValueKind == JsonValueKind.String && createdAt.TryGetDateTimeOffset(out var c)
                && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() is { Length: > 0 } k
                && root.TryGetProperty("length", out var length) && length.ValueKind == JsonValueKind.Number && length.TryGetInt32(out var l))
            {
                return new SnapshotPointer(g, c, k, l);
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
