using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>Reply frames exactly as Go's jsonrpc server writes them: <c>{"id":…,"result":…,"error":…}\n</c>.</summary>
internal static class JsonRpcReply
{
    /// <summary>Go writes non-ASCII text as raw UTF-8; the default encoder would escape it.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Runs the handler and frames its result into <paramref name="reply"/> (reset first); an exception from the
    /// handler propagates.
    /// </summary>
    public static async ValueTask SuccessAsync(
        JsonRpcReplyBuffer reply, JsonElement id, JsonRpcHandler handler, JsonElement param, CancellationToken cancellationToken)
    {
        var writer = BeginResult(reply);
        WriteId(writer, id);
        writer.WritePropertyName("result"u8);
        await handler(param, writer, cancellationToken);
        EndResult(reply);
    }

    /// <summary>Serves a direct call into <paramref name="reply"/> (reset first), its id echoed as sent.</summary>
    public static async ValueTask SuccessAsync(JsonRpcReplyBuffer reply, JsonRpcDirectCall call, CancellationToken cancellationToken)
    {
        var writer = BeginResult(reply);
        writer.WritePropertyName("id"u8);
        if (call.RawId is { } id)
        {
            writer.WriteRawValue(id, skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName("result"u8);
        await call.Handler.RunAsync(call.Param, writer, cancellationToken);
        EndResult(reply);
    }

    /// <summary>Frames <c>{"id":id,"result":null,"error":"message"}\n</c>; an unwritable id becomes null.</summary>
    public static ArrayBufferWriter<byte> Error(JsonElement id, string message)
    {
        try
        {
            return WriteError(id, message);
        }
        catch (InvalidOperationException)
        {
            // An id holding invalid UTF-16 escapes cannot be re-encoded; Go would have echoed it mangled anyway.
            return WriteError(default, message);
        }
    }

    private static ArrayBufferWriter<byte> WriteError(JsonElement id, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            WriteId(writer, id);
            writer.WriteNull("result"u8);
            writer.WriteString("error"u8, message);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer;
    }

    // The start of a success frame in a reset reply buffer; the caller writes the id and the result next.
    private static Utf8JsonWriter BeginResult(JsonRpcReplyBuffer reply)
    {
        reply.Reset();
        reply.Writer.WriteStartObject();
        return reply.Writer;
    }

    // The end of a success frame: no error, and the newline Go's encoder writes.
    private static void EndResult(JsonRpcReplyBuffer reply)
    {
        reply.Writer.WriteNull("error"u8);
        reply.Writer.WriteEndObject();
        reply.Writer.Flush();
        reply.Buffer.Write("\n"u8);
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement id)
    {
        writer.WritePropertyName("id"u8);
        if (id.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            id.WriteTo(writer);
        }
    }
}
