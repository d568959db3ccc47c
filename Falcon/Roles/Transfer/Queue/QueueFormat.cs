using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>
/// The layout of a segment file (docs/transfer-queue.md): an 8-byte magic, then records, each a 12-byte header
/// (payload length, point count, CRC-32C of the payload; little-endian) and the payload, an uncompressed remote-write
/// WriteRequest. Payloads concatenate into one valid WriteRequest, so a sender sends records without decoding them.
/// </summary>
internal static class QueueFormat
{
    public const int HeaderBytes = 12;

    /// <summary>"FQSEG" and format version 1, at the start of every segment file.</summary>
    public static ReadOnlySpan<byte> Magic => "FQSEG\0\0\u0001"u8;

    public const string SegmentExtension = ".seg";

    /// <summary>The file name of segment <paramref name="sequence"/>: zero-padded, so names sort in write order.</summary>
    public static string SegmentName(long sequence) => sequence.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + SegmentExtension;

    public static void WriteHeader(Span<byte> header, int length, int points, uint crc)
    {
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], points);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], crc);
    }

    public static (int Length, int Points, uint Crc) ReadHeader(ReadOnlySpan<byte> header) =>
        (BinaryPrimitives.ReadInt32LittleEndian(header), BinaryPrimitives.ReadInt32LittleEndian(header[4..]), BinaryPrimitives.ReadUInt32LittleEndian(header[8..]));

    /// <summary>CRC-32C (Castagnoli), with the CPU's crc32 instruction where it has one.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words)
        {
            crc = BitOperations.Crc32C(crc, BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word));
        }

        foreach (var b in data[(words.Length * sizeof(ulong))..])
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
