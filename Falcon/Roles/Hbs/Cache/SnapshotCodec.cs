using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Falcon.Roles.Hbs.Cache;

/// <summary>
/// The versioned snapshot value in Redis: a fixed header (magic, generation, created-at, payload length, XxHash64) then
/// the payload compressed with Brotli. The header makes a value self-checking: a truncated, foreign or mixed-up value
/// is refused instead of being served as (possibly empty) configuration.
/// </summary>
internal static class SnapshotCodec
{
    public const int HeaderLength = 32;

    /// <summary>Refuses headers that claim more than this, so a corrupt length cannot make a reader allocate gigabytes.</summary>
    public const int MaxPayloadLength = 1 << 30;

    // Quality 5 compresses tabular JSON about as well as 11 at a small fraction of the time; the window fits multi-MB payloads.
    private const int Quality = 5;
    private const int Window = 22;
    private static ReadOnlySpan<byte> Magic => "FSN1"u8;

    public static ulong Checksum(ReadOnlySpan<byte> payload) => XxHash64.HashToUInt64(payload);

    public static byte[] Encode(long generation, DateTimeOffset createdAt, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"a snapshot of {payload.Length} bytes is larger than {MaxPayloadLength}", nameof(payload));
        }

        var buffer = new byte[HeaderLength + BrotliEncoder.GetMaxCompressedLength(payload.Length)];
        Magic.CopyTo(buffer);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(4), generation);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(12), createdAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(20), payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(24), Checksum(payload));
        if (!BrotliEncoder.TryCompress(payload, buffer.AsSpan(HeaderLength), out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress the snapshot into its maximum compressed length");
        }

        return buffer[..(HeaderLength + written)];
    }

    /// <summary>Decodes a value written by <see cref="Encode"/>; throws <see cref="InvalidDataException"/> when it is not one intact.</summary>
    public static SnapshotEntry Decode(ReadOnlySpan<byte> value, SnapshotOrigin origin)
    {
        if (value.Length < HeaderLength || !value[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"not a Falcon snapshot ({value.Length} bytes without the header)");
        }

        var generation = BinaryPrimitives.ReadInt64LittleEndian(value[4..]);
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(value[12..]));
        var length = BinaryPrimitives.ReadInt32LittleEndian(value[20..]);
        var checksum = BinaryPrimitives.ReadUInt64LittleEndian(value[24..]);
        if (length is < 0 or > MaxPayloadLength)
        {
            throw new InvalidDataException($"snapshot generation {generation} claims an impossible length {length}");
        }

        var payload = new byte[length];
        if (!BrotliDecoder.TryDecompress(value[HeaderLength..], payload, out var written) || written != length)
        {
            throw new InvalidDataException($"snapshot generation {generation} does not decompress to its {length} bytes");
        }

        if (Checksum(payload) != checksum)
        {
            throw new InvalidDataException($"snapshot generation {generation} fails its checksum");
        }

        return new SnapshotEntry(generation, createdAt, payload, origin);
    }
}
