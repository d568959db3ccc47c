using Falcon.Shared.Model;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Transfer.Tsdb;

/// <summary>
/// One of `transfer.senders` loops: fills a batch from the queue (up to BatchSize points, waiting at most BatchDelay
/// after the first), writes it, retries it with backoff until it is written or refused for good, and starts over.
/// </summary>
internal sealed class TsdbSender(
    TsdbWriteQueue queue,
    ITsdbBatchWriter writer,
    TransferOptions options,
    TransferMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly List<MetricSample> _batch = new(Math.Min(options.BatchSize, 65_536));

    // The rest of an ingest batch bigger than the room left in the sender's batch; it goes in the next one.
    private IReadOnlyList<MetricSample>? _chunk;
    private int _offset;

    /// <summary>Runs until the queue is completed and drained; <paramref name="abort"/> stops it at once.</summary>
    /// <remarks>After an exception it may be run again: the batch in hand is kept and sent first.</remarks>
    public async Task RunAsync(CancellationToken abort)
    {
        while (await FillAsync(abort))
        {
            await SendAsync(abort);
        }
    }

    /// <summary>Fills the batch; false when the queue is completed and nothing is left.</summary>
    internal async Task<bool> FillAsync(CancellationToken abort)
    {
        Take();
        while (_batch.Count == 0)
        {
            if (!await queue.Reader.WaitToReadAsync(abort))
            {
                return false;
            }

            Take();
        }

        var deadline = timeProvider.GetTimestamp();
        while (_batch.Count < options.BatchSize)
        {
            var remaining = options.BatchDelay - timeProvider.GetElapsedTime(deadline);
            if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(remaining, abort))
            {
                break;
            }

            Take();
        }

        return true;
    }

    /// <summary>Writes the batch in hand until it is written or refused for good, then empties it.</summary>
    internal async Task SendAsync(CancellationToken abort)
    {
        var attempt = 0;
        while (true)
        {
            TsdbWriteResult result;
            try
            {
                result = await writer.WriteAsync(_batch, abort);
            }
            catch (Exception e) when (!abort.IsCancellationRequested)
            {
                // A writer should report failures as results; anything it throws is treated as worth retrying.
                result = TsdbWriteResult.Retryable(e.Message);
            }

            var count = _batch.Count;
            switch (result.Outcome)
            {
                case TsdbWriteOutcome.Success:
                    metrics.Written(count);
                    if (attempt > 0)
                    {
                        Log.WriteRecovered(logger, attempt + 1);
                    }

                    Done(count);
                    return;
                case TsdbWriteOutcome.PermanentFailure:
                    metrics.PermanentFailure(count);
                    Log.WritePermanentFailure(logger, count, result.Error ?? "(no text)");
                    Done(count);
                    return;
                default:
                    attempt++;
                    metrics.Retried();
                    var delay = SenderBackoff.Delay(attempt, options.MaxRetryDelay);
                    Log.WriteRetrying(logger, count, attempt, delay, result.Error ?? "(no text)");
                    await Task.Delay(delay, timeProvider, abort);
                    break;
            }
        }
    }

    /// <summary>Points in the current batch (for tests).</summary>
    internal int BatchCount => _batch.Count;

    private void Done(int count)
    {
        _batch.Clear();
        queue.Release(count);
    }

    private void Take()
    {
        var size = options.BatchSize;
        while (_batch.Count < size)
        {
            if (_chunk is null)
            {
                if (!queue.Reader.TryRead(out var next))
                {
                    return;
                }

                _chunk = next;
                _offset = 0;
            }

            var n = Math.Min(size - _batch.Count, _chunk.Count - _offset);
            for (var i = 0; i < n; i++)
            {
                _batch.Add(_chunk[_offset + i]);
            }

            _offset += n;
            if (_offset == _chunk.Count)
            {
                _chunk = null;
            }
        }
    }

    /// <summary>Waits for more queued points for at most <paramref name="timeout"/>; false on timeout or when the queue is done.</summary>
    private async Task<bool> WaitForMoreAsync(TimeSpan timeout, CancellationToken abort)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var more = queue.Reader.WaitToReadAsync(wait.Token).AsTask();
        var timer = Task.Delay(timeout, timeProvider, wait.Token);
        await Task.WhenAny(more, timer);
        abort.ThrowIfCancellationRequested();
        var ready = more.IsCompletedSuccessfully && more.Result;
        await wait.CancelAsync();
        // Observe whichever task was cancelled so it does not surface as unobserved.
        await Task.WhenAll(more, timer).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return ready;
    }
}
