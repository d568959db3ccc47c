using System.Globalization;
using Falcon.Roles.Transfer.Sinks;
using Falcon.Roles.Transfer.Tsdb;
using Falcon.Shared.Model;
using Falcon.Shared.Reliability;
using Falcon.Shared.Tsdb;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>
/// The sink that stores accepted points in the TSDB through the on-disk queue: a push is encoded once, as the
/// remote-write bytes the TSDB will get, appended to the queue, and only then acknowledged; `transfer.senders` senders
/// drain the queue. On stop the senders get `transfer.flushTimeout` to write what is queued; the rest stays on disk.
/// </summary>
internal sealed class QueueSink : ITransferSink, IHostedService, IDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly DiskQueue _queue;
    private readonly ITsdbBatchWriter _writer;
    private readonly TransferOptions _options;
    private readonly TransferMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<QueueSink> _logger;
    private readonly WorkProgress? _progress;
    private readonly CancellationTokenSource _abort = new();
    private Task[] _senders = [];

    public QueueSink(DiskQueue queue, ITsdbBatchWriter writer, IOptions<TransferOptions> options, TransferMetrics metrics, TimeProvider timeProvider, ILogger<QueueSink> logger,
        WorkProgress? progress = null)
    {
        _progress = progress;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _queue = queue;
        _writer = writer;
        _options = options.Value;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        metrics.ObserveQueue(queue);
    }

    /// <summary>The prefix of the senders' names in <see cref="WorkProgress"/> ("transfer.sender.0").</summary>
    public const string SenderPrefix = "transfer.sender.";

    public string Name => "tsdb";

    public bool TryAccept(IReadOnlyList<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return true;
        }

        using var encoded = RemoteWriteEncoder.Encode(samples);
        if (_queue.TryAppend(encoded.Memory, samples.Count) != QueueAppendResult.Appended)
        {
            return false;
        }

        _metrics.Queued(samples.Count);
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _senders = Enumerable.Range(0, _options.Senders)
            .Select(i => Task.Run(
                () => RunSenderAsync(new QueueSender(_queue, _writer, _options, _metrics, _timeProvider, _logger, _progress, SenderPrefix + i.ToString(CultureInfo.InvariantCulture))),
                CancellationToken.None))
            .ToArray();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Close();
        var timeout = _options.FlushTimeout;
        if (_queue.Count > 0)
        {
            Log.Flushing(_logger, _queue.Count, timeout);
        }

        var all = Task.WhenAll(_senders);
        try
        {
            await all.WaitAsync(timeout, _timeProvider, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            await _abort.CancelAsync();
            await all;
            Log.FlushTimedOut(_logger, _queue.Count, timeout, _queue.Directory);
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task RunSenderAsync(QueueSender sender)
    {
        var abort = _abort.Token;
        while (true)
        {
            try
            {
                await sender.RunAsync(abort);
                return;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A bug in one pass must not stop the TSDB writes for good; a batch it held is sent after a restart.
                Log.SenderFailed(_logger, e.Message);
                try
                {
                    await Task.Delay(RestartDelay, _timeProvider, abort);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
