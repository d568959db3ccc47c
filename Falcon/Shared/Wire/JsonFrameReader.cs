using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>
/// Splits a byte stream into concatenated top-level JSON values, as Go's <c>json.Decoder</c> reads them:
/// no length prefix, optional whitespace between values. The scan resumes where the previous read stopped,
/// so a large value arriving in many segments is tokenised once.
/// </summary>
internal sealed class JsonFrameReader(PipeReader reader, int maxFrameBytes, IReadOnlyList<JsonRpcDirectEntry>? direct = null, TimeProvider? clock = null)
{
    private JsonReaderState _state;
    private long _scanned;
    private long _pendingBytes;
    private long _pendingSince;

    /// <summary>Bytes of a started, unfinished value held in the pipe (0 between values); read by the server's sweeper.</summary>
    public long PendingBytes => Volatile.Read(ref _pendingBytes);

    /// <summary>The timestamp (of the reader's clock) when the unfinished value started arriving; 0 when none is.</summary>
    public long PendingSince => Volatile.Read(ref _pendingSince);

    private enum ScanResult
    {
        NeedMore,
        Complete,
    }

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    /// <summary>
    /// Reads the next complete value. Returns null at a clean end of stream or after
    /// <see cref="PipeReader.CancelPendingRead"/>; throws <see cref="JsonFrameException"/> when the stream
    /// is not JSON, ends inside a value, or a value exceeds the maximum frame size.
    /// </summary>
    public async ValueTask<JsonDocument?> ReadAsync(CancellationToken cancellationToken) => (await ReadFrameAsync(cancellationToken)).Document;

    /// <summary>
    /// As <see cref="ReadAsync"/>, but a request for one of the direct methods given to the constructor, in Go's shape,
    /// comes back read (<see cref="JsonFrame.Direct"/>) instead of as a document.
    /// </summary>
    /// <remarks>
    /// Pooled builder: the read waits for the socket on nearly every request, and a fresh state machine box each
    /// time was one of a heartbeat's allocations.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<JsonFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.IsCanceled)
            {
                reader.AdvanceTo(result.Buffer.Start);
                return default;
            }

            var buffer = result.Buffer;
            if (_scanned == 0 && !result.IsCompleted && buffer.IsSingleSegment
                && TryParseLine(buffer) is { IsEmpty: false } line)
            {
                return line;
            }

            if (_scanned == 0 && !result.IsCompleted && buffer.IsSingleSegment && TryParseWhole(buffer) is { } whole)
            {
                return new JsonFrame(whole);
            }

            if (Scan(buffer, result.IsCompleted, out var start, out var frameLength) == ScanResult.Complete)
            {
                var frame = buffer.Slice(start, frameLength);
                ThrowIfTooLarge(frameLength);
                // Copied: for a single-segment sequence JsonDocument.Parse keeps pointing into the pipe's
                // buffer, which is reused once the frame is consumed while the request is still being served.
                var document = JsonDocument.Parse(frame.ToArray());
                reader.AdvanceTo(frame.End);
                _scanned = 0;
                _state = default;
                ClearPending();
                return new JsonFrame(document);
            }

            var pending = buffer.Slice(start);
            ThrowIfTooLarge(pending.Length);
            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return pending.IsEmpty
                    ? default
                    : throw new JsonFrameException($"unexpected EOF after {pending.Length} bytes of a JSON value");
            }

            // Only here, on the slow path of a value split across reads: the one-read fast paths set nothing.
            if (!pending.IsEmpty)
            {
                if (_pendingSince == 0)
                {
                    Volatile.Write(ref _pendingSince, Math.Max(1, (clock ?? TimeProvider.System).GetTimestamp()));
                }

                Volatile.Write(ref _pendingBytes, pending.Length);
            }

            reader.AdvanceTo(start, buffer.End);
        }
    }

    private void ClearPending()
    {
        if (_pendingSince != 0)
        {
            Volatile.Write(ref _pendingBytes, 0);
            Volatile.Write(ref _pendingSince, 0);
        }
    }

    /// <summary>
    /// The commonest case, one request and nothing else, as Go's client writes it (an object, then a newline) and
    /// waits for the reply: parsed in one pass. A second value behind it, or a line break inside it (where a value cut
    /// short could end), and this leaves the buffer to <see cref="TryParseWhole"/>, which finds the end first. Null
    /// when the buffer is not such a line or does not parse; the other paths then read it and word any error.
    /// </summary>
    private JsonFrame TryParseLine(in ReadOnlySequence<byte> buffer)
    {
        var span = buffer.FirstSpan;
        var first = span.IndexOfAnyExcept(Whitespace);
        var last = span.LastIndexOfAnyExcept(Whitespace);
        if (first < 0 || span[first] != (byte)'{' || span[last] != (byte)'}' || !span[(last + 1)..].Contains((byte)'\n'))
        {
            return default;
        }

        var value = span[first..(last + 1)];
        if (value.Length > maxFrameBytes || value.Contains((byte)'\n'))
        {
            return default;
        }

        if (direct is not null && JsonRpcDirectCall.TryRead(value, direct) is { } call)
        {
            reader.AdvanceTo(buffer.End);
            ClearPending();
            return new JsonFrame(call);
        }

        // The document points into its input, and the pipe reuses its buffer once the frame is consumed: it gets a copy.
        var copy = GC.AllocateUninitializedArray<byte>(value.Length);
        value.CopyTo(copy);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(copy);
        }
        catch (JsonException)
        {
            return default;
        }

        reader.AdvanceTo(buffer.End);
        ClearPending();
        return new JsonFrame(document);
    }

    /// <summary>
    /// The common case, a whole value in one segment: found and parsed in one call, with the copy the document
    /// keeps rented from the array pool (returned when it is disposed) rather than allocated. Null when the value
    /// is not complete yet; the incremental <see cref="Scan"/> then takes over from the start of the buffer.
    /// </summary>
    private JsonDocument? TryParseWhole(in ReadOnlySequence<byte> buffer)
    {
        var span = buffer.FirstSpan;
        var skipped = span.IndexOfAnyExcept(Whitespace);
        if (skipped < 0)
        {
            return null;
        }

        // Starts where Scan would, so an error names the same position.
        var json = new Utf8JsonReader(span[skipped..], isFinalBlock: false, default);
        JsonDocument? document;
        try
        {
            if (!JsonDocument.TryParseValue(ref json, out document))
            {
                return null;
            }
        }
        catch (JsonException ex)
        {
            throw new JsonFrameException(ex.Message, ex);
        }

        try
        {
            ThrowIfTooLarge(json.BytesConsumed);
        }
        catch
        {
            document.Dispose();
            throw;
        }

        reader.AdvanceTo(buffer.GetPosition(skipped + json.BytesConsumed));
        ClearPending();
        return document;
    }

    private ScanResult Scan(in ReadOnlySequence<byte> buffer, bool isFinalBlock, out SequencePosition start, out long frameLength)
    {
        frameLength = 0;
        start = buffer.Start;
        if (_scanned == 0)
        {
            var whitespace = new SequenceReader<byte>(buffer);
            whitespace.AdvancePastAny(Whitespace);
            start = whitespace.Position;
            if (whitespace.End)
            {
                return ScanResult.NeedMore;
            }
        }

        // At the end of the stream the last block is final, so a bare top-level number completes there.
        var json = new Utf8JsonReader(buffer.Slice(start).Slice(_scanned), isFinalBlock, _state);
        try
        {
            while (json.Read())
            {
                if (json.CurrentDepth == 0 && json.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    frameLength = _scanned + json.BytesConsumed;
                    return ScanResult.Complete;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new JsonFrameException(ex.Message, ex);
        }

        _scanned += json.BytesConsumed;
        _state = json.CurrentState;
        return ScanResult.NeedMore;
    }

    private void ThrowIfTooLarge(long length)
    {
        if (length > maxFrameBytes)
        {
            throw new JsonFrameException($"JSON value larger than {maxFrameBytes} bytes") { IsTooLarge = true };
        }
    }
}
