using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Falcon.Hosting.Http;

/// <summary>
/// A small HTTP/1.1 server for a process of lightweight roles only (the agent on every host): the same handlers as
/// under Kestrel, each request given to them as a <see cref="DefaultHttpContext"/>, without Kestrel's threads, memory
/// pools and start-up code (BENCHMARKS.md "agent"). It reads keep-alive requests with Content-Length or chunked
/// bodies and answers Expect: 100-continue; responses are buffered and sent with a Content-Length. No TLS, HTTP/2 or
/// upgrades: the agent's API is for scripts on the host itself.
/// </summary>
internal sealed class SmallHttpServer : IAsyncDisposable
{
    /// <summary>The request line and headers together, as Kestrel's default MaxRequestHeadersTotalSize.</summary>
    public const int MaxHeadBytes = 32 * 1024;

    private static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(130);
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly Socket _listener;
    private readonly IReadOnlyList<HttpRoute> _routes;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly long _maxBodyBytes;
    private readonly int _maxConnections;
    private readonly TimeSpan _requestTimeout;
    private long _lastRefusalLog;
    private int _refusedSinceLog;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Open connections plus one for the accept loop; the last to finish after a stop completes _drained.
    private int _active = 1;

    public SmallHttpServer(
        IPEndPoint endPoint, IReadOnlyList<HttpRoute> routes, IServiceProvider services, ILogger logger, long maxBodyBytes,
        int maxConnections = 10_000, TimeSpan? requestTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConnections);
        _maxConnections = maxConnections;
        _requestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30);
        ArgumentNullException.ThrowIfNull(endPoint);
        _routes = routes;
        _services = services;
        _logger = logger;
        _maxBodyBytes = maxBodyBytes;
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                _listener.DualMode = true;
            }

            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(endPoint);
            _listener.Listen(512);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _ = AcceptLoopAsync();
    }

    /// <summary>The address bound (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Stops accepting, closes idle connections and waits for requests in progress (until <paramref name="cancellationToken"/>, then aborts them).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
            _listener.Dispose();
        }

        try
        {
            await _drained.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(new CancellationToken(canceled: true));
        _stopping.Dispose();
        _abort.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptAsync(_stopping.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException e)
                {
                    // A connection reset before it was accepted, or out of file descriptors: keep accepting.
                    Log.HttpAcceptFailed(_logger, e.SocketErrorCode.ToString());
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                // _active counts the accept loop too: beyond the cap the connection is closed at once, before any read.
                if (Volatile.Read(ref _active) - 1 >= _maxConnections)
                {
                    Refuse(socket);
                    continue;
                }

                Interlocked.Increment(ref _active);
                _ = ServeAsync(socket);
            }
        }
        finally
        {
            Done();
        }
    }

    private void Refuse(Socket socket)
    {
        _refusedSinceLog++;
        var now = Environment.TickCount64;
        if (_lastRefusalLog == 0 || now - _lastRefusalLog >= 10_000)
        {
            Log.HttpConnectionsRefused(_logger, _refusedSinceLog, _maxConnections);
            _lastRefusalLog = now;
            _refusedSinceLog = 0;
        }

        socket.Dispose();
    }

    private void Done()
    {
        if (Interlocked.Decrement(ref _active) == 0)
        {
            _drained.TrySetResult();
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield();
        Connection? connection = null;
        try
        {
            connection = new Connection(socket, _requestTimeout);
            socket.NoDelay = true;
            while (!_stopping.IsCancellationRequested)
            {
                var request = await connection.ReadRequestAsync(_maxBodyBytes, _stopping.Token);
                if (request is null)
                {
                    return;
                }

                if (request.Error is { } error)
                {
                    await connection.WriteAsync(EmptyResponse(error, close: true), _abort.Token);
                    await connection.CloseGracefullyAsync();
                    return;
                }

                var close = request.Close || _stopping.IsCancellationRequested;
                var (response, mustClose) = await DispatchAsync(connection, request, close);
                await connection.WriteAsync(response, _abort.Token);
                if (close || mustClose)
                {
                    await connection.CloseGracefullyAsync();
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, the connection idled out, or the server is stopping.
        }
        finally
        {
            if (connection is null)
            {
                socket.Dispose();
            }
            else
            {
                connection.Dispose();
            }

            Done();
        }
    }

    // The response, and whether the connection must close after it (a body that could not be read leaves the stream
    // at an unknown place).
    private async Task<(byte[] Response, bool Close)> DispatchAsync(Connection connection, Request request, bool close)
    {
        var path = PathString.FromUriComponent(request.Path).Value ?? "/";
        // Refused before its body is read, a request with a body leaves the connection unusable: it is closed.
        var unread = close || request.Chunked || request.ContentLength > 0;
        var candidates = _routes.Where(r => PathMatches(r.Path, path)).ToList();
        if (candidates.Count == 0)
        {
            return (EmptyResponse(StatusCodes.Status404NotFound, unread), unread);
        }

        var route = candidates.FirstOrDefault(r => string.Equals(r.Method, request.Method, StringComparison.OrdinalIgnoreCase));
        if (route is null)
        {
            var allow = new HeaderDictionary { ["Allow"] = string.Join(", ", candidates.Select(r => r.Method)) };
            return (Serialize(StatusCodes.Status405MethodNotAllowed, allow, [], unread), unread);
        }

        if (request.ExpectsContinue)
        {
            await connection.WriteAsync(Continue, _abort.Token);
        }

        var (body, bodyError) = await connection.ReadBodyAsync(request, _stopping.Token);
        if (body is null)
        {
            return (EmptyResponse(bodyError, close: true), true);
        }

        using var responseBody = new MemoryStream();
        var requestFeature = new HttpRequestFeature
        {
            Protocol = request.Protocol,
            Method = request.Method,
            Scheme = "http",
            Path = path,
            QueryString = request.Query,
            RawTarget = request.Target,
            Headers = request.Headers,
            Body = new MemoryStream(body, writable: false),
        };
        var responseFeature = new HttpResponseFeature { Body = responseBody };
        var bodyFeature = new StreamResponseBodyFeature(responseBody);
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpResponseFeature>(responseFeature);
        features.Set<IHttpResponseBodyFeature>(bodyFeature);
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = _abort.Token });
        features.Set<IHttpConnectionFeature>(connection.Feature);
        var context = new DefaultHttpContext(features) { RequestServices = _services };
        try
        {
            await route.Handler(context);
            await bodyFeature.CompleteAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            Log.HttpRequestFailed(_logger, e, request.Method, path);
            return (EmptyResponse(StatusCodes.Status500InternalServerError, close), false);
        }

        return (Serialize(responseFeature.StatusCode, responseFeature.Headers, responseBody.ToArray(), close), false);
    }

    // ASP.NET routing matches literal segments ignoring case, with or without one trailing slash.
    private static bool PathMatches(string route, string path)
    {
        if (path.Length > 1 && path[^1] == '/')
        {
            path = path[..^1];
        }

        return string.Equals(route, path, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] EmptyResponse(int status, bool close) => Serialize(status, null, [], close);

    internal static byte[] Serialize(int status, IHeaderDictionary? headers, byte[] body, bool close)
    {
        var head = new StringBuilder(256);
        head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrases.GetReasonPhrase(status)).Append("\r\n");
        head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        if (close)
        {
            head.Append("Connection: close\r\n");
        }

        foreach (var (name, values) in headers ?? (IEnumerable<KeyValuePair<string, StringValues>>)[])
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "Date", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("\r\n");
        var headLength = Encoding.Latin1.GetByteCount(head.ToString());
        var bytes = new byte[headLength + body.Length];
        Encoding.Latin1.GetBytes(head.ToString(), bytes);
        body.CopyTo(bytes, headLength);
        return bytes;
    }

    private sealed class Request
    {
        public required string Method { get; init; }
        public required string Target { get; init; }
        public required string Path { get; init; }
        public required string Query { get; init; }
        public required string Protocol { get; init; }
        public required HeaderDictionary Headers { get; init; }
        public bool Close { get; init; }
        public bool ExpectsContinue { get; init; }
        public bool Chunked { get; init; }
        public long ContentLength { get; init; }

        /// <summary>A status to answer with (then close) when the request cannot be read.</summary>
        public int? Error { get; init; }
    }

    /// <summary>One client connection: a read buffer over the socket and the parsing of requests from it.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly NetworkStream _stream;
        private byte[] _buffer = new byte[4096];
        private int _start;
        private int _end;

        private readonly TimeSpan _requestTimeout;

        public Connection(Socket socket, TimeSpan requestTimeout)
        {
            _requestTimeout = requestTimeout;
            _stream = new NetworkStream(socket, ownsSocket: true);
            var local = socket.LocalEndPoint as IPEndPoint;
            var remote = socket.RemoteEndPoint as IPEndPoint;
            Feature = new HttpConnectionFeature
            {
                LocalIpAddress = local?.Address,
                LocalPort = local?.Port ?? 0,
                RemoteIpAddress = remote?.Address,
                RemotePort = remote?.Port ?? 0,
            };
        }

        public HttpConnectionFeature Feature { get; }

        public Task WriteAsync(byte[] bytes, CancellationToken cancellationToken) => _stream.WriteAsync(bytes, cancellationToken).AsTask();

        public void Dispose() => _stream.Dispose();

        /// <summary>
        /// Ends the connection after a last response without resetting it: a close with unread request bytes would
        /// send an RST that can destroy the response before the client reads it. Reads (and drops) what the client
        /// still sends for at most a second.
        /// </summary>
        public async Task CloseGracefullyAsync()
        {
            try
            {
                _stream.Socket.Shutdown(SocketShutdown.Send);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                var drain = new byte[4096];
                for (var total = 0; total < 1024 * 1024;)
                {
                    var read = await _stream.ReadAsync(drain, timeout.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    total += read;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Already gone, or slow to go: it is closed either way.
            }
        }

        /// <summary>The next request's head, null when the client closed the connection (or it idled out) between requests.</summary>
        public async Task<Request?> ReadRequestAsync(long maxBodyBytes, CancellationToken stopping)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(_start == _end ? KeepAliveTimeout : _requestTimeout);
            var started = _start != _end;
            int headEnd;
            while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf(HeadEnd)) < 0)
            {
                if (_end - _start >= MaxHeadBytes)
                {
                    return Failed(StatusCodes.Status431RequestHeaderFieldsTooLarge);
                }

                int read;
                try
                {
                    read = await FillAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!started && !stopping.IsCancellationRequested)
                {
                    return null;
                }

                if (read == 0)
                {
                    return null;
                }

                if (!started)
                {
                    started = true;
                    timeout.CancelAfter(_requestTimeout);
                }
            }

            var head = Encoding.Latin1.GetString(_buffer, _start, headEnd);
            _start += headEnd + HeadEnd.Length;
            return Parse(head, maxBodyBytes);
        }

        /// <summary>The request body, or null and the status to answer with (400 for bad chunked framing, 413 over the limit).</summary>
        public async Task<(byte[]? Body, int Error)> ReadBodyAsync(Request request, CancellationToken stopping)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(_requestTimeout);
            if (!request.Chunked)
            {
                return (await ReadLengthAsync(request.ContentLength, timeout.Token), 0);
            }

            // For a chunked body, ContentLength holds the limit.
            using var chunks = new MemoryStream();
            while (true)
            {
                var line = await ReadLineAsync(timeout.Token);
                var semicolon = line?.IndexOf(';', StringComparison.Ordinal) ?? -1;
                var sizeText = (semicolon < 0 ? line : line![..semicolon])?.Trim();
                if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                {
                    return (null, StatusCodes.Status400BadRequest);
                }

                if (chunks.Length + size > request.ContentLength)
                {
                    return (null, StatusCodes.Status413PayloadTooLarge);
                }

                if (size == 0)
                {
                    // Trailers, if any, end with an empty line.
                    string? trailer;
                    while ((trailer = await ReadLineAsync(timeout.Token)) is { Length: > 0 })
                    {
                    }

                    return trailer is null ? (null, StatusCodes.Status400BadRequest) : (chunks.ToArray(), 0);
                }

                var chunk = new byte[size];
                await ReadExactlyAsync(chunk, timeout.Token);
                chunks.Write(chunk);
                if (await ReadLineAsync(timeout.Token) is not { Length: 0 })
                {
                    return (null, StatusCodes.Status400BadRequest);
                }
            }
        }

        // One line of chunked framing without its line end; null when it is too long.
        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            int newline;
            while ((newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n')) < 0)
            {
                if (_end - _start >= MaxHeadBytes)
                {
                    return null;
                }

                if (await FillAsync(cancellationToken) == 0)
                {
                    throw new IOException("connection closed in a chunked body");
                }
            }

            var length = newline > 0 && _buffer[_start + newline - 1] == '\r' ? newline - 1 : newline;
            var line = Encoding.Latin1.GetString(_buffer, _start, length);
            _start += newline + 1;
            return line;
        }

        // A declared length is only a claim: memory grows with the bytes that actually arrive, so many connections
        // announcing the maximum and sending nothing hold next to nothing.
        private async Task<byte[]> ReadLengthAsync(long length, CancellationToken cancellationToken)
        {
            const int Piece = 64 * 1024;
            if (length <= Piece)
            {
                var small = new byte[length];
                await ReadExactlyAsync(small, cancellationToken);
                return small;
            }

            using var body = new MemoryStream();
            var chunk = new byte[Piece];
            for (var left = length; left > 0; left -= Piece)
            {
                var part = left >= Piece ? chunk : new byte[left];
                await ReadExactlyAsync(part, cancellationToken);
                body.Write(part);
            }

            return body.ToArray();
        }

        private async Task ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
        {
            var buffered = Math.Min(_end - _start, target.Length);
            _buffer.AsSpan(_start, buffered).CopyTo(target);
            _start += buffered;
            if (buffered < target.Length)
            {
                await _stream.ReadExactlyAsync(target.AsMemory(buffered), cancellationToken);
            }
        }

        // Reads more bytes after those buffered, compacting or growing the buffer; 0 when the peer closed.
        private async Task<int> FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxHeadBytes + 4096));
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read;
            return read;
        }

        private static Request Parse(string head, long maxBodyBytes)
        {
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                return Failed(StatusCodes.Status400BadRequest);
            }

            var headers = new HeaderDictionary();
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || char.IsWhiteSpace(lines[i][colon - 1]))
                {
                    return Failed(StatusCodes.Status400BadRequest);
                }

                var name = lines[i][..colon];
                headers[name] = StringValues.Concat(headers[name], lines[i][(colon + 1)..].Trim());
            }

            var target = parts[1];
            if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                target = absolute.PathAndQuery;
            }

            if (!target.StartsWith('/'))
            {
                return Failed(StatusCodes.Status400BadRequest);
            }

            var question = target.IndexOf('?', StringComparison.Ordinal);
            var connection = headers["Connection"].ToString();
            var http10 = parts[2] == "HTTP/1.0";
            var close = http10 || connection.Contains("close", StringComparison.OrdinalIgnoreCase);
            var chunked = false;
            long length = 0;
            if (headers.TryGetValue("Transfer-Encoding", out var encoding))
            {
                if (!encoding.ToString().TrimEnd().EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    return Failed(StatusCodes.Status400BadRequest);
                }

                chunked = true;
                length = maxBodyBytes;
            }
            else if (headers.TryGetValue("Content-Length", out var contentLength))
            {
                if (!long.TryParse(contentLength.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out length))
                {
                    return Failed(StatusCodes.Status400BadRequest);
                }

                if (length > maxBodyBytes)
                {
                    return Failed(StatusCodes.Status413PayloadTooLarge);
                }
            }

            return new Request
            {
                Method = parts[0],
                Target = parts[1],
                Path = question < 0 ? target : target[..question],
                Query = question < 0 ? string.Empty : target[question..],
                Protocol = parts[2],
                Headers = headers,
                Close = close,
                ExpectsContinue = (chunked || length > 0) && headers["Expect"].ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase),
                Chunked = chunked,
                ContentLength = length,
            };
        }

        private static Request Failed(int status) => new()
        {
            Method = string.Empty,
            Target = string.Empty,
            Path = string.Empty,
            Query = string.Empty,
            Protocol = string.Empty,
            Headers = [],
            Close = true,
            Error = status,
        };
    }
}
