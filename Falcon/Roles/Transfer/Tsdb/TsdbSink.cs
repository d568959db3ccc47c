using Falcon.Roles.Transfer.Sinks;
using Falcon.Shared.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>The sink that stores accepted points in the TSDB: a bounded queue drained by `transfer.senders` senders, flushed on stop.</summary>
internal sealed class TsdbSink(
    TsdbWriteQueue queue,
    ITsdbBatchWriter writer,
    IOptions<TransferOptions> options,
    TransferMetrics metrics,
    TimeProvider timeProvider,
    ILogger<TsdbSink> logger) : ITransferSink, IHostedService, IDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _abort = new();
    private Task[] _senders = [];

    public string Name => "tsdb";

    public bool TryAccept(IReadOnlyList<MetricSample> samples)
    {
        if (!queue.TryWrite(samples))
        {
            return false;
        }

        metrics.Queued(samples.Count);
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _senders = Enumerable.Range(0, options.Value.Senders)
            .Select(_ => Task.Run(() => RunSenderAsync(new TsdbSender(queue, writer, options.Value, metrics, timeProvider, logger)), CancellationToken.None))
            .ToArray();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        var timeout = options.Value.FlushTimeout;
        if (queue.Count > 0)
        {
            Log.Flushing(logger, queue.Count, timeout);
        }

        var all = Task.WhenAll(_senders);
        try
        {
            await all.WaitAsync(timeout, timeProvider, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            Log.FlushTimedOut(logger, queue.Count, timeout);
            await _abort.CancelAsync();
            await all;
        }
    }

    public void Dispose() => _abort.Dispose();

    private async Task RunSenderAsync(TsdbSender sender)
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
                // A bug in one pass must not stop the TSDB writes for good; the batch in hand is kept.
                Log.SenderFailed(logger, e.Message);
                try
                {
                    await Task.Delay(RestartDelay, timeProvider, abort);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
