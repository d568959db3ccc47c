using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using Falcon.Shared.Judging;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Transfer.Judges;

/// <summary>
/// One remote judge: its bounded queue (the oldest points dropped and counted when full, so a judge that is down costs
/// memory up to a limit and never blocks ingest), the sender that retries with backoff, and the metric filter it reports.
/// </summary>
internal sealed class JudgeNode : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private readonly Channel<JudgeItem> _queue;
    private readonly JsonRpcClient _client;
    private readonly int _batchSize;
    private readonly TimeProvider _timeProvider;
    private readonly JudgeRoutingMetrics _metrics;
    private readonly ILogger _logger;
    private volatile HashSet<string>? _metricsInUse;
    private int _inFlight;

    public JudgeNode(string name, string address, int capacity, int batchSize, TimeSpan callTimeout, TimeProvider timeProvider, JudgeRoutingMetrics metrics, Meter meter, ILogger logger)
    {
        Name = name;
        Address = address;
        _batchSize = batchSize;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<JudgeItem>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => metrics.Dropped(name, 1));
        var dial = callTimeout < TimeSpan.FromSeconds(1) ? callTimeout : TimeSpan.FromSeconds(1);
        _client = new JsonRpcClient([address], new JsonRpcClientOptions { CallTimeout = callTimeout, DialTimeout = dial }, logger, timeProvider, meter);
    }

    public string Name { get; }

    public string Address { get; }

    /// <summary>The Judge.Metrics parameter: this node's place on the ring (<see cref="JudgeShareJson"/>), so the judge knows its share.</summary>
    public ReadOnlyMemory<byte> MetricsRequest { get; init; } = "null"u8.ToArray();

    public int Queued => _queue.Reader.Count;

    /// <summary>Points held for this judge: queued, plus the batch being sent.</summary>
    public int Pending => _queue.Reader.Count + Volatile.Read(ref _inFlight);

    /// <summary>Whether points of <paramref name="metric"/> are worth sending: true until the judge has said which metrics it uses.</summary>
    public bool Wants(string metric) => _metricsInUse is not { } known || known.Contains(metric);

    public void Enqueue(JudgeItem item) => _queue.Writer.TryWrite(item);

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Sends queued points until the queue is completed and empty, or <paramref name="abandon"/> fires.</summary>
    public async Task SendAllAsync(CancellationToken abandon)
    {
        var batch = new List<JudgeItem>(_batchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(abandon))
            {
                while (batch.Count < _batchSize && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                    Interlocked.Increment(ref _inFlight);
                }

                await SendWithRetryAsync(batch, abandon);
                Interlocked.Add(ref _inFlight, -batch.Count);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            _metrics.Dropped(Name, batch.Count + _queue.Reader.Count);
        }
    }

    /// <summary>Asks the judge which metrics its rules use; keeps the last answer when it cannot be asked.</summary>
    public async Task RefreshMetricsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _client.CallRawAsync(JudgeRpc.Metrics, MetricsRequest, cancellationToken);
            if (result.TryGetProperty("known", out var known) && known.ValueKind == JsonValueKind.True
                && result.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array)
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                foreach (var metric in metrics.EnumerateArray())
                {
                    if (metric.GetString() is { } name)
                    {
                        set.Add(name);
                    }
                }

                _metricsInUse = set;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.JudgeMetricsUnavailable(_logger, Name, Address, ex.Message);
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task SendWithRetryAsync(List<JudgeItem> batch, CancellationToken abandon)
    {
        var body = new ArrayBufferWriter<byte>(batch.Count * 160);
        using (var writer = new Utf8JsonWriter(body))
        {
            JudgeItemJson.WriteArray(writer, batch);
        }

        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.CallRawAsync(JudgeRpc.Send, body.WrittenMemory, abandon);
                _metrics.Sent(Name, batch.Count);
                return;
            }
            catch (JsonRpcException ex)
            {
                // The judge answered and refused: sending the same bytes again would be refused again.
                _metrics.Refused(Name, batch.Count);
                Log.JudgeRefusedBatch(_logger, Name, Address, batch.Count, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !abandon.IsCancellationRequested)
            {
                _metrics.Retried(Name);
                if (attempt == 1 || attempt % 50 == 0)
                {
                    Log.JudgeSendFailed(_logger, Name, Address, attempt, Queued, ex.Message);
                }

                await Task.Delay(delay, _timeProvider, abandon);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
