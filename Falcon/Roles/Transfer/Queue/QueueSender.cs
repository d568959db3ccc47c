using System.Buffers;
using System.Buffers.Binary;
using Falcon.Roles.Transfer.Tsdb;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Logging;

namespace Falcon.Roles.Transfer.Queue;

/// <summary>
/// One of `transfer.senders` loops: takes whole records from the queue (up to BatchSize points, waiting at most
/// BatchDelay for that many), reads them from the segment file, writes them to the TSDB as one request, retries with
/// backoff until written or refused for good, and only then lets the queue forget them.
/// </summary>
internal sealed class QueueSender(
    DiskQueue queue,
    ITsdbBatchWriter writer,
    TransferOptions options,
    TransferMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger,
    WorkProgress? progress = null,
    string name = "transfer.sender")
{
    /// <summary>Runs until the queue is closed and nothing is left to take; <paramref name="abort"/> stops it at once.</summary>
    /// <remarks>A batch abandoned by <paramref name="abort"/> stays on disk and is sent after the next start.</remarks>
    public async Task RunAsync(CancellationToken abort)
    {
        while (await NextAsync(abort) is { } batch)
        {
            // A batch retried for long (the TSDB answers, but with errors) is a stall /health names.
            progress?.Started(name);
            await SendAsync(batch, abort);
            progress?.Finished(name);
        }
    }

    /// <summary>The next batch, once BatchSize points wait or the first waited BatchDelay; null when closed and empty.</summary>
    internal async Task<QueueBatch?> NextAsync(CancellationToken abort)
    {
        long? since = null;
        while (true)
        {
            var untaken = queue.Untaken;
            if (untaken == 0)
            {
                if (queue.IsClosed)
                {
                    return null;
                }

                await queue.WaitAsync().WaitAsync(abort);
                since = null;
                continue;
            }

            since ??= timeProvider.GetTimestamp();
            var remaining = options.BatchDelay - timeProvider.GetElapsedTime(since.Value);
            if (untaken < options.BatchSize && remaining > TimeSpan.Zero && !queue.IsClosed)
            {
                try
                {
                    await queue.WaitAsync(options.BatchSize).WaitAsync(remaining, timeProvider, abort);
                }
                catch (TimeoutException)
                {
                    // BatchDelay is up: send what there is.
                }

                continue;
            }

            if (queue.TryTake(options.BatchSize) is { } batch)
            {
                return batch;
            }

            // Another sender took it.
            since = null;
        }
    }

    /// <summary>Writes the batch until it is written or refused for good, then completes it in the queue.</summary>
    internal async Task SendAsync(QueueBatch batch, CancellationToken abort)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(batch.Length);
        try
        {
            var length = await ReadAsync(batch, buffer, abort);
            var attempt = 0;
            while (true)
            {
                TsdbWriteResult result;
                try
                {
                    result = await writer.WriteAsync(buffer.AsMemory(0, length), batch.Points, abort);
                }
                catch (Exception e) when (!abort.IsCancellationRequested)
                {
                    // A writer should report failures as results; anything it throws is treated as worth retrying.
                    result = TsdbWriteResult.Retryable(e.Message);
                }

                switch (result.Outcome)
                {
                    case TsdbWriteOutcome.Success:
                        metrics.Written(batch.Points);
                        if (attempt > 0)
                        {
                            Log.WriteRecovered(logger, attempt + 1);
                        }

                        queue.Complete(batch);
                        return;
                    case TsdbWriteOutcome.PermanentFailure:
                        metrics.PermanentFailure(batch.Points);
                        Log.WritePermanentFailure(logger, batch.Points, result.Error ?? "(no text)");
                        queue.Complete(batch);
                        return;
                    default:
                        attempt++;
                        metrics.Retried();
                        var delay = SenderBackoff.Delay(attempt, options.MaxRetryDelay);
                        Log.WriteRetrying(logger, batch.Points, attempt, delay, result.Error ?? "(no text)");
                        await Task.Delay(delay, timeProvider, abort);
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reads the batch's records and moves their payloads together (one WriteRequest); returns its length.
    private async Task<int> ReadAsync(QueueBatch batch, byte[] buffer, CancellationToken abort)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                var span = buffer.AsSpan(0, batch.Length);
                if (DiskQueue.ReadFully(batch.Segment.Handle, span, batch.Start) != span.Length)
                {
                    throw new IOException($"the segment ends before offset {batch.End}");
                }

                return Compact(span, batch.Records);
            }
            catch (IOException e)
            {
                attempt++;
                var delay = SenderBackoff.Delay(attempt, options.MaxRetryDelay);
                Log.QueueReadFailed(logger, batch.Segment.Path, e.Message);
                await Task.Delay(delay, timeProvider, abort);
            }
        }
    }

    /// <summary>Drops the record headers from <paramref name="records"/> in place; returns the payload bytes.</summary>
    internal static int Compact(Span<byte> records, int count)
    {
        var read = 0;
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(records[read..]);
            records.Slice(read + QueueFormat.HeaderBytes, length).CopyTo(records[written..]);
            read += QueueFormat.HeaderBytes + length;
            written += length;
        }

        return written;
    }
}
