using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Falcon.Shared.Wire;

/// <summary>
/// One accepted connection: reads request frames, runs up to <see cref="JsonRpcServerOptions.MaxInFlightPerConnection"/>
/// of them at once (then stops reading until one finishes) and writes each reply when it is ready.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "RunAsync owns the connection's lifetime and releases its resources when it ends.")]
internal sealed partial class JsonRpcServerConnection
{
    private readonly JsonRpcServer _server;
    private readonly NetworkStream _stream;
    private readonly PipeReader _pipe;
    private readonly JsonFrameReader _frames;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _slots;
    private readonly int _maxInFlight;

    // _aborted: the peer is gone or the server gave up waiting. _idle: no traffic for IdleTimeout.
    // _active fires on either; handlers, writes and the final drain all watch it.
    private readonly CancellationTokenSource _aborted;
    private readonly CancellationTokenSource _idle;
    private long _lastTouch;
    private readonly CancellationTokenSource _active;
    private volatile bool _stopping;

    public JsonRpcServerConnection(JsonRpcServer server, Socket socket)
    {
        _server = server;
        socket.NoDelay = true;
        Remote = WireEndpoint.Format(socket.RemoteEndPoint);
        _stream = new NetworkStream(socket, ownsSocket: true);
        var readBuffer = server.Options.ReadBufferBytes;
        _pipe = PipeReader.Create(_stream, new StreamPipeReaderOptions(
            bufferSize: readBuffer,
            leaveOpen: true,
            useZeroByteReads: readBuffer > JsonRpcServerOptions.DefaultReadBufferBytes));
        _frames = new JsonFrameReader(_pipe, server.Options.MaxFrameBytes, server.DirectMethods, server.TimeProvider);
        _maxInFlight = server.Options.MaxInFlightPerConnection;
        _slots = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(server.Aborted);
        _idle = new CancellationTokenSource(server.Options.IdleTimeout, server.TimeProvider);
        _active = CancellationTokenSource.CreateLinkedTokenSource(_aborted.Token, _idle.Token);
    }

    /// <summary>The peer as "host:port".</summary>
    public string Remote { get; }

    /// <summary>Completes when the connection is closed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = RunAsync();

    /// <summary>Bytes of a started, unfinished request this connection holds.</summary>
    public long PendingBytes => _frames.PendingBytes;

    /// <summary>When the unfinished request started arriving (the server clock's timestamp), 0 when none.</summary>
    public long PendingSince => _frames.PendingSince;

    /// <summary>Closes the connection now (a request too slow to arrive, or too much buffered): in-flight replies are dropped.</summary>
    public void Abort()
    {
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    /// <summary>Stops reading new requests; those in flight finish and are answered before the close.</summary>
    public void BeginStop()
    {
        _stopping = true;
        _pipe.CancelPendingRead();
    }

    private async Task RunAsync()
    {
        _server.Logger.ConnectionOpened(Remote);
        var drained = false;
        try
        {
            await ReadLoopAsync();
            drained = await DrainAsync();
        }
        finally
        {
            await _aborted.CancelAsync();
            await _pipe.CompleteAsync();
            await _stream.DisposeAsync();
            if (drained)
            {
                // With handlers still running after an abort, they may yet touch these; leave them to the GC.
                _active.Dispose();
                _idle.Dispose();
                _aborted.Dispose();
            }

            _server.OnConnectionClosed(this);
            _server.Logger.ConnectionClosed(Remote);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stopping)
            {
                var frame = await _frames.ReadFrameAsync(_active.Token);
                if (frame.IsEmpty)
                {
                    return;
                }

                Touch();
                try
                {
                    // Backpressure: at the in-flight limit the socket is not read until a reply goes out.
                    await _slots.WaitAsync(_active.Token);
                }
                catch
                {
                    frame.Document?.Dispose();
                    throw;
                }

                // Started inline, not on the thread pool: most handlers answer synchronously, so the reply goes out
                // without a thread hop; a handler that awaits frees this loop to read the next request.
                _ = ProcessAsync(frame);
            }
        }
        catch (JsonFrameException ex)
        {
            // The stream cannot be resynchronised: answer once with id null (as Go does for a request
            // without id) and close.
            _server.Metrics.ServerError(ex.IsTooLarge ? "oversized" : "malformed");
            _server.Logger.UnreadableStream(Remote, ex.Message);
            var message = ex.IsTooLarge
                ? $"jsonrpc: request larger than {_server.Options.MaxFrameBytes} bytes"
                : $"rpc: server cannot decode request: {ex.Message}";
            await WriteAsync(JsonRpcReply.Error(default, message).WrittenMemory);
        }
        catch (OperationCanceledException) when (_idle.IsCancellationRequested && !_aborted.IsCancellationRequested)
        {
            _server.Logger.ConnectionIdle(Remote);
        }
        catch (OperationCanceledException)
        {
            // Aborted by the server or by a failed write.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _server.Logger.ConnectionBroken(Remote, ex);
            await _aborted.CancelAsync();
        }
    }

    /// <summary>Waits until every in-flight request has been answered; false if cut short.</summary>
    private async Task<bool> DrainAsync()
    {
        try
        {
            for (var i = 0; i < _maxInFlight; i++)
            {
                await _slots.WaitAsync(_active.Token);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Writes one frame under the connection's write lock; false if the connection is gone.</summary>
    private async Task<bool> WriteAsync(ReadOnlyMemory<byte> frame)
    {
        try
        {
            await _writeLock.WaitAsync(_active.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            await _stream.WriteAsync(frame, _active.Token);
            Touch();
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A half-written frame leaves the stream unusable, so any failure ends the connection.
            _server.Logger.ConnectionBroken(Remote, ex);
            await _aborted.CancelAsync();
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Pushes the idle deadline back after traffic in either direction.</summary>
    private void Touch()
    {
        // Re-arming the timer costs more than a whole small request; doing it at most every 1/8 of the timeout
        // keeps the deadline within 12.5 % of exact.
        var now = _server.TimeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastTouch);
        if (last != 0 && _server.TimeProvider.GetElapsedTime(last, now) < _server.Options.IdleTimeout / 8)
        {
            return;
        }

        Interlocked.Exchange(ref _lastTouch, now);
        try
        {
            _idle.CancelAfter(_server.Options.IdleTimeout);
        }
        catch (ObjectDisposedException)
        {
            // A straggling handler finished after the connection closed.
        }
    }
}
