using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Falcon.Shared.Wire;

/// <summary>
/// One client TCP connection: calls are pipelined and matched by id; ids start at 0 and rise by one per call,
/// as Go's <c>rpc.Client</c> numbers them. When the connection breaks every pending call fails at once.
/// </summary>
internal sealed partial class JsonRpcClientConnection : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly PipeReader _pipe;
    private readonly JsonFrameReader _frames;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ILogger _logger;
    private Task _readLoop = Task.CompletedTask;
    private ulong _nextId;
    private int _closed;

    public JsonRpcClientConnection(string address, Socket socket, int maxFrameBytes, ILogger logger)
    {
        Address = address;
        _logger = logger;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _pipe = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _frames = new JsonFrameReader(_pipe, maxFrameBytes);
    }

    /// <summary>The "host:port" this connection was dialled to.</summary>
    public string Address { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    public void Start() => _readLoop = ReadLoopAsync();

    /// <summary>Sends <c>{"method":…,"params":[…],"id":N}\n</c> and waits for the reply's result.</summary>
    public async Task<JsonElement> CallAsync<TState>(
        string method, TState state, Action<Utf8JsonWriter, TState> writeParam, CancellationToken cancellationToken)
    {
        var frame = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(frame, JsonRpcReply.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            writer.WriteStartArray();
            writeParam(writer, state);
            writer.WriteEndArray();
            // The object stays open: the id is appended under the write lock so ids go out in order.
        }

        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        ulong id;
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            id = _nextId++;
            AppendId(frame, id);
            _pending[id] = reply;
            if (!IsOpen)
            {
                // Close may have swept the pending calls just before this one was added.
                _pending.TryRemove(id, out _);
                throw ClosedException(null);
            }

            try
            {
                await _stream.WriteAsync(frame.WrittenMemory, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // A half-written request leaves the stream unusable.
                Close(ex);
                throw ex is OperationCanceledException ? ex : ClosedException(ex);
            }
        }
        finally
        {
            _writeLock.Release();
        }

        try
        {
            return await reply.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _pending.TryRemove(id, out _);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(JsonRpcClient)));
        await _readLoop;
    }

    private static void AppendId(ArrayBufferWriter<byte> frame, ulong id)
    {
        ",\"id\":"u8.CopyTo(frame.GetSpan(6));
        frame.Advance(6);
        id.TryFormat(frame.GetSpan(20), out var written, provider: CultureInfo.InvariantCulture);
        frame.Advance(written);
        "}\n"u8.CopyTo(frame.GetSpan(2));
        frame.Advance(2);
    }

    private async Task ReadLoopAsync()
    {
        Exception reason;
        try
        {
            while (true)
            {
                using var document = await _frames.ReadAsync(CancellationToken.None);
                if (document is null)
                {
                    reason = new EndOfStreamException("the server closed the connection");
                    break;
                }

                Dispatch(document.RootElement);
            }
        }
        catch (Exception ex)
        {
            reason = ex;
        }

        Close(reason);
        await _pipe.CompleteAsync();
    }

    private void Close(Exception reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        if (reason is not ObjectDisposedException)
        {
            _logger.ClientConnectionClosed(Address, reason.Message);
        }

        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var call))
            {
                call.TrySetException(reason is ObjectDisposedException ? reason : ClosedException(reason));
            }
        }

        _pipe.CancelPendingRead();
        _stream.Dispose();
    }

    private IOException ClosedException(Exception? reason) =>
        new($"jsonrpc: connection to {Address} closed{(reason is null ? "" : ": " + reason.Message)}", reason);
}
