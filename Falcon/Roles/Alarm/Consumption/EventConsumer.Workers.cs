using System.Globalization;
using System.Threading.Channels;
using Falcon.Shared.Portal;

namespace Falcon.Roles.Alarm.Consumption;

internal sealed partial class EventConsumer
{
    private async Task WorkerLoopAsync(int worker, ChannelReader<ConsumedEvent> reader, CancellationToken cancellationToken)
    {
        var batch = new List<ConsumedEvent>(_options.BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < _options.BatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                var name = WorkerPrefix + worker.ToString(CultureInfo.InvariantCulture);
                _progress?.Started(name);
                var handled = await HandleUntilDoneAsync(worker, batch, cancellationToken);
                await AcknowledgeUntilDoneAsync(handled, cancellationToken);
                _progress?.Finished(name);
                _metrics.Handled(handled);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the unacknowledged events stay in the in-flight lists for the next run or another instance.
        }
    }

    /// <summary>
    /// Handles the batch, retrying transient failures without limit; returns the events handled (to acknowledge).
    /// When the store refuses the data itself (<see cref="MySqlFailure.IsPermanent"/>), the batch is handled again one
    /// event at a time, and only the event that is refused alone is moved to the dead-letter list, so one poison event
    /// never holds up the others.
    /// </summary>
    private async Task<List<ConsumedEvent>> HandleUntilDoneAsync(int worker, List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        var failure = await HandleRetryingAsync(worker, batch, cancellationToken);
        if (failure is null)
        {
            return batch;
        }

        var handled = new List<ConsumedEvent>(batch.Count);
        foreach (var item in batch)
        {
            List<ConsumedEvent> single = [item with { Recovered = true }];
            var refused = batch.Count == 1 ? failure : await HandleRetryingAsync(worker, single, cancellationToken);
            if (refused is null)
            {
                handled.Add(item);
                continue;
            }

            await DeadLetterRefusedAsync(item, refused, cancellationToken);
        }

        return handled;
    }

    /// <summary>Handles the batch, retrying until it succeeds (null) or fails permanently (that failure).</summary>
    private async Task<Exception?> HandleRetryingAsync(int worker, List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await _handler.HandleAsync(batch, cancellationToken);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _metrics.HandlerFailed();
                if (MySqlFailure.IsPermanent(e))
                {
                    ConsumptionLog.BatchRefused(_logger, worker, batch.Count, e.Message);
                    return e;
                }

                // Nothing of the batch is acknowledged, so retrying it whole is safe: recording skips what already landed.
                backoff = NextBackoff(backoff);
                ConsumptionLog.BatchFailed(_logger, worker, batch.Count, backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
                batch = [.. batch.Select(static item => item with { Recovered = true })];
            }
        }
    }

    private async Task DeadLetterRefusedAsync(ConsumedEvent item, Exception refused, CancellationToken cancellationToken)
    {
        var reason = "refused by MySQL" + (MySqlFailure.Code(refused) is { } code ? $" (error {code})" : "") + ": " + refused.Message;
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await DeadLetterAsync(item.Queue, item.Raw, reason, cancellationToken);
                _tally?.Add("alarm.record");
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                backoff = NextBackoff(backoff);
                ConsumptionLog.RedisFailed(_logger, "dead-letter", backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
            }
        }
    }

    private async Task AcknowledgeUntilDoneAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await _queue.AcknowledgeAsync(batch.Select(e => (ReliableQueue.InflightKey(e.Queue, _options.InstanceId), e.Raw)), cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                backoff = NextBackoff(backoff);
                ConsumptionLog.RedisFailed(_logger, "acknowledge", backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
            }
        }
    }
}
