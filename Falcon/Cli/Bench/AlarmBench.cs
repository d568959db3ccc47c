using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;
using MySqlConnector;
using StackExchange.Redis;

namespace Falcon.Cli.Bench;

/// <summary>
/// Preloads open-falcon judge events into Redis and measures how fast a running alarm drains, records and delivers
/// them: queues empty, `events` rows in the alarms database, and messages arriving at a loopback IM webhook that the
/// alarm under test is configured to send to (alarm.im.provider: webhook).
/// </summary>
internal sealed class AlarmBench
{
    public required string Redis { get; init; }

    public required int Events { get; init; }

    public required string QueuePattern { get; init; }

    public required IReadOnlyList<int> Priorities { get; init; }

    public required long ActionId { get; init; }

    public required int Endpoints { get; init; }

    public required string WebhookListen { get; init; }

    public string? AlarmsDatabase { get; init; }

    public int? ServerPid { get; init; }

    public required TimeSpan Timeout { get; init; }

    public async Task<int> RunAsync(TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        WebhookSink webhook;
        try
        {
            webhook = WebhookSink.Start(WebhookListen);
        }
        catch (Exception e) when (e is SocketException or FormatException)
        {
            await error.WriteLineAsync($"bench alarm: cannot listen on {WebhookListen}: {e.Message}");
            return ExitCodes.Failed;
        }

        await using var sinkScope = webhook;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var db = redis.GetDatabase();
        var queues = Priorities.Select(p => QueuePattern.Replace("%v", p.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToArray();
        var recordsBefore = await CountRecordsAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await PreloadAsync(db, queues, cancellationToken);
        var preloaded = clock.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"preloaded {Events:N0} events into {string.Join(", ", queues)} in {preloaded.TotalSeconds:F1} s"));

        var peakRss = 0L;
        TimeSpan? drained = null, recorded = null;
        long records = 0, deliveredAtDrain = 0, deliveredAtRecord = 0;
        while (clock.Elapsed < Timeout && !cancellationToken.IsCancellationRequested)
        {
            peakRss = Math.Max(peakRss, Rss());
            if (drained is null)
            {
                long backlog = 0;
                foreach (var queue in queues)
                {
                    backlog += await db.ListLengthAsync(queue);
                }

                if (backlog == 0)
                {
                    drained = clock.Elapsed;
                    deliveredAtDrain = webhook.Delivered;
                }
            }

            if (AlarmsDatabase is not null && recorded is null)
            {
                records = await CountRecordsAsync(cancellationToken) - recordsBefore;
                if (records >= Events)
                {
                    recorded = clock.Elapsed;
                    deliveredAtRecord = webhook.Delivered;
                }
            }

            var done = drained is not null && (AlarmsDatabase is null || recorded is not null)
                && webhook.Delivered > 0 && webhook.SinceLast > TimeSpan.FromSeconds(3);
            if (done)
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        var deliveredAt = clock.Elapsed - webhook.SinceLast;
        await webhook.DisposeAsync();
        Report(output, string.Create(CultureInfo.InvariantCulture, $"queues drained ({deliveredAtDrain:N0} delivered by then)"), drained, Events);
        if (AlarmsDatabase is not null)
        {
            Report(output, string.Create(CultureInfo.InvariantCulture, $"events recorded ({records:N0} rows, {deliveredAtRecord:N0} delivered by then)"), recorded, Events);
        }

        var messages = webhook.Delivered;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages delivered to the webhook: {messages:N0}, the last at {deliveredAt.TotalSeconds:F1} s ({Events / Math.Max(0.001, deliveredAt.TotalSeconds):N0} events/s end to end)"));
        if (ServerPid is not null)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alarm process peak RSS while draining: {peakRss / 1024.0:F0} MB"));
        }

        return drained is null ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static void Report(TextWriter output, string what, TimeSpan? at, int events) =>
        output.WriteLine(at is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{what}: {t.TotalSeconds:F1} s, {events / t.TotalSeconds:N0} events/s")
            : $"{what}: not within the timeout");

    private async Task PreloadAsync(IDatabase db, string[] queues, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        const int Pipeline = 500;
        for (var first = 0; first < Events; first += Pipeline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pending = new List<Task>(Pipeline);
            for (var i = first; i < Math.Min(Events, first + Pipeline); i++)
            {
                var priority = Priorities[i % Priorities.Count];
                var endpoint = string.Create(CultureInfo.InvariantCulture, $"bench-{run}-{i % Endpoints:00000}");
                var judgeEvent = new JudgeEvent
                {
                    Id = EventIds.ForStrategy(i + 1, SeriesKey.Md5Hex(endpoint, "cpu.idle", TagSet.Empty)),
                    Strategy = new Strategy
                    {
                        Id = i + 1,
                        Metric = "cpu.idle",
                        Func = "all(#3)",
                        Operator = "<",
                        RightValue = 10,
                        MaxStep = 3,
                        Priority = priority,
                        Note = "bench",
                        Tpl = new Template { Id = 1, Name = "bench", ActionId = ActionId, Creator = "bench" },
                    },
                    Status = JudgeEventStatus.Problem,
                    Endpoint = endpoint,
                    LeftValue = 5,
                    CurrentStep = 1,
                    EventTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                };
                pending.Add(db.ListLeftPushAsync(queues[i % Priorities.Count], JsonSerializer.Serialize(judgeEvent, EventJsonContext.Default.JudgeEvent)));
            }

            await Task.WhenAll(pending);
        }
    }

    private async Task<long> CountRecordsAsync(CancellationToken cancellationToken)
    {
        if (AlarmsDatabase is null)
        {
            return 0;
        }

        await using var connection = new MySqlConnection(AlarmsDatabase);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private long Rss()
    {
        if (ServerPid is not { } pid)
        {
            return 0;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone; keep the peak seen so far.
        }

        return 0;
    }

    /// <summary>
    /// The loopback IM webhook: a bare HTTP/1.1 responder on sockets (keep-alive, Content-Length bodies) that counts
    /// requests and answers each with a fixed 200 {"code":0}. It shares the machine's cores with the alarm under test,
    /// so it must cost as little as possible (HttpListener took a quarter of the CPU the alarm did). The reply has a
    /// Content-Length and goes out in one write: a chunked reply ends with a second small write, which Nagle and
    /// delayed ACKs turn into a 40 ms wait per message, and the bench would measure that instead of the alarm.
    /// </summary>
    private sealed class WebhookSink : IAsyncDisposable
    {
        private static readonly byte[] Reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"code\":0}"u8.ToArray();
        private static readonly byte[] LengthRequired = "HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();

        private readonly Socket _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<(Socket Socket, Task Loop)> _connections = [];
        private readonly Task _accepting;
        private long _delivered;
        private long _lastTimestamp = Stopwatch.GetTimestamp();

        private WebhookSink(Socket listener)
        {
            _listener = listener;
            _accepting = AcceptLoopAsync();
        }

        /// <summary>Requests answered so far.</summary>
        public long Delivered => Interlocked.Read(ref _delivered);

        /// <summary>Time since the last request (or since the start).</summary>
        public TimeSpan SinceLast => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastTimestamp));

        /// <summary>Listens on host:port (an IP address, localhost, or * / + for every address).</summary>
        public static WebhookSink Start(string listen)
        {
            var colon = listen.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new FormatException($"expected host:port, got '{listen}'");
            }

            var host = listen[..colon].Trim('[', ']');
            var address = host switch
            {
                "localhost" => IPAddress.Loopback,
                "*" or "+" or "0.0.0.0" => IPAddress.Any,
                _ => IPAddress.TryParse(host, out var parsed) ? parsed : throw new FormatException($"'{host}' is not an IP address or localhost"),
            };
            var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.Bind(new IPEndPoint(address, port));
                listener.Listen(512);
            }
            catch
            {
                listener.Dispose();
                throw;
            }

            return new WebhookSink(listener);
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                socket.NoDelay = true;
                lock (_connections)
                {
                    _connections.Add((socket, Task.Run(() => ServeAsync(socket), CancellationToken.None)));
                }
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            var buffer = new byte[8192];
            var filled = 0;
            try
            {
                while (true)
                {
                    int headerEnd;
                    while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        filled = await ReceiveAsync(socket, ref buffer, filled);
                    }

                    var length = ContentLength(buffer.AsSpan(0, headerEnd));
                    if (length < 0)
                    {
                        await socket.SendAsync(LengthRequired, SocketFlags.None, _stop.Token);
                        return;
                    }

                    var end = headerEnd + 4 + length;
                    while (filled < end)
                    {
                        filled = await ReceiveAsync(socket, ref buffer, filled);
                    }

                    Interlocked.Increment(ref _delivered);
                    Interlocked.Exchange(ref _lastTimestamp, Stopwatch.GetTimestamp());
                    await socket.SendAsync(Reply, SocketFlags.None, _stop.Token);
                    buffer.AsSpan(end, filled - end).CopyTo(buffer);
                    filled -= end;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or EndOfStreamException or FormatException or OverflowException)
            {
                // The alarm closed the connection, or the bench is done.
            }
            finally
            {
                socket.Dispose();
            }
        }

        /// <summary>Receives more bytes after the first <paramref name="filled"/>, growing the buffer when full; throws at the end of the stream.</summary>
        private Task<int> ReceiveAsync(Socket socket, ref byte[] buffer, int filled)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            return ReceiveMoreAsync(socket, buffer, filled, _stop.Token);
        }

        private static async Task<int> ReceiveMoreAsync(Socket socket, byte[] buffer, int filled, CancellationToken cancellationToken)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            return read == 0 ? throw new EndOfStreamException() : filled + read;
        }

        /// <summary>The Content-Length of a request head; 0 without a body; -1 for a chunked body (not supported).</summary>
        private static int ContentLength(ReadOnlySpan<byte> head)
        {
            var length = 0;
            foreach (var range in head.Split("\r\n"u8))
            {
                var line = head[range];
                var colon = line.IndexOf((byte)':');
                if (colon <= 0)
                {
                    continue;
                }

                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
                {
                    length = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                }
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                {
                    return -1;
                }
            }

            return length;
        }

        public async ValueTask DisposeAsync()
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            await _stop.CancelAsync();
            _listener.Dispose();
            await _accepting;
            (Socket Socket, Task Loop)[] connections;
            lock (_connections)
            {
                connections = [.. _connections];
            }

            foreach (var (socket, _) in connections)
            {
                socket.Dispose();
            }

            await Task.WhenAll(connections.Select(static c => c.Loop));
            _stop.Dispose();
        }
    }
}
