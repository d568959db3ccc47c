using System.Threading.Channels;

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

                await HandleUntilDoneAsync(worker, batch, cancellationToken);
                await AcknowledgeUntilDoneAsync(batch, cancellationToken);
                _metrics.Handled(batch);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the unacknowledged events stay in the in-flight lists for the next run or another instance.
        }
    }

    private async Task HandleUntilDoneAsync(int worker, List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await _handler.HandleAsync(batch, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Nothing of the batch is acknowledged, so retrying it whole is safe: recording skips what already landed.
                backoff = NextBackoff(backoff);
                _metrics.HandlerFailed();
                ConsumptionLog.BatchFailed(_logger, worker, batch.Count, backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
                batch = [.. batch.Select(static item => item with { Recovered = true })];
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                backoff = NextBackoff(backoff);
                ConsumptionLog.RedisFailed(_logger, "acknowledge", backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
            }
        }
    }
}
