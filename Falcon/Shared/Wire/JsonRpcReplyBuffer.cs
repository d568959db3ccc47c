using System.Buffers;
using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>A reply's buffer and JSON writer, reused by one connection from reply to reply.</summary>
internal sealed class JsonRpcReplyBuffer : IDisposable
{
    // A reply larger than this (a whole strategy list) is not kept: one big answer should not pin its buffer.
    private const int MaxKeptBytes = 16 * 1024;

    public JsonRpcReplyBuffer()
    {
        Writer = new Utf8JsonWriter(Buffer, JsonRpcReply.WriterOptions);
    }

    public ArrayBufferWriter<byte> Buffer { get; } = new(256);

    public Utf8JsonWriter Writer { get; }

    /// <summary>True when the buffer is small enough to keep for the next reply.</summary>
    public bool IsWorthKeeping => Buffer.Capacity <= MaxKeptBytes;

    /// <summary>Empties the buffer and the writer, whatever a failed handler left in them.</summary>
    public void Reset()
    {
        Buffer.ResetWrittenCount();
        Writer.Reset(Buffer);
    }

    public void Dispose() => Writer.Dispose();
}
