using System.Diagnostics;
using System.Globalization;
using System.Net;
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
        using var webhook = new HttpListener();
        webhook.Prefixes.Add($"http://{WebhookListen}/");
        try
        {
            webhook.Start();
        }
        catch (HttpListenerException e)
        {
            await error.WriteLineAsync($"bench alarm: cannot listen on {WebhookListen}: {e.Message}");
            return ExitCodes.Failed;
        }

        long delivered = 0;
        var lastDelivery = Stopwatch.StartNew();
        // Several accept loops: a webhook that answers one request at a time would be what the bench measures.
        var sink = Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (webhook.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await webhook.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref delivered);
                lastDelivery.Restart();
                // A known length: a chunked reply ends with a second small write, which Nagle and delayed ACKs turn
                // into a 40 ms wait per message, and the bench would measure that instead of the alarm.
                var body = """{"code":0}"""u8.ToArray();
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength64 = body.Length;
                context.Response.Close(body, willBlock: false);
            }
        }, CancellationToken.None)));

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
        long records = 0;
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
                }
            }

            if (AlarmsDatabase is not null && recorded is null)
            {
                records = await CountRecordsAsync(cancellationToken) - recordsBefore;
                if (records >= Events)
                {
                    recorded = clock.Elapsed;
                }
            }

            var done = drained is not null && (AlarmsDatabase is null || recorded is not null)
                && Interlocked.Read(ref delivered) > 0 && lastDelivery.Elapsed > TimeSpan.FromSeconds(3);
            if (done)
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        var deliveredAt = clock.Elapsed - lastDelivery.Elapsed;
        webhook.Stop();
        await sink;
        Report(output, "queues drained", drained, Events);
        if (AlarmsDatabase is not null)
        {
            Report(output, $"events recorded ({records:N0} rows)", recorded, Events);
        }

        var messages = Interlocked.Read(ref delivered);
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
}
