using Falcon.Shared.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Push;

/// <summary>
/// Drains the <see cref="PushBuffer"/> to transfer in batches of `agent.batchSize`. While no transfer answers, the
/// points stay buffered and the sender retries with a doubling delay capped at `agent.maxRetryDelay`; on stop it
/// flushes what it can within `agent.flushTimeout`.
/// </summary>
internal sealed class TransferSender(
    PushBuffer buffer,
    ITransferClient client,
    AgentMetrics metrics,
    IOptions<AgentOptions> options,
    TimeProvider timeProvider,
    ILogger<TransferSender> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly AgentOptions _options = options.Value;
    private readonly FailureLog _failures = new(timeProvider, TimeSpan.FromMinutes(1));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<MetricValue>(Math.Min(_options.BatchSize, buffer.Capacity));
        var delay = Min(FirstRetryDelay, _options.MaxRetryDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            await buffer.WaitAsync(stoppingToken);
            if (await TrySendAsync(batch, stoppingToken))
            {
                delay = Min(FirstRetryDelay, _options.MaxRetryDelay);
                continue;
            }

            await Task.Delay(delay, timeProvider, stoppingToken);
            delay = Min(delay * 2, _options.MaxRetryDelay);
        }
    }

    /// <summary>Sends the oldest batch; true if a transfer took it (or there was nothing to send).</summary>
    private async Task<bool> TrySendAsync(List<MetricValue> batch, CancellationToken cancellationToken)
    {
        batch.Clear();
        var sequence = buffer.Peek(_options.BatchSize, batch);
        if (batch.Count == 0)
        {
            return true;
        }

        try
        {
            var reply = await client.UpdateAsync(batch, cancellationToken);
            buffer.Remove(sequence, batch.Count);
            metrics.Sent(batch.Count);
            if (reply.Invalid > 0)
            {
                metrics.Invalid(reply.Invalid);
                Log.TransferCountedInvalid(logger, reply.Address, reply.Invalid, batch.Count);
            }

            if (_failures.Succeeded(out var failures, out var duration))
            {
                Log.TransferRecovered(logger, reply.Address, failures, duration, buffer.Count, buffer.Dropped);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (_failures.Failed(out var suppressed))
            {
                Log.TransferUnavailable(logger, buffer.Count, buffer.Capacity, suppressed, e.Message);
            }

            return false;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        Log.Flushing(logger, buffer.Count, _options.FlushTimeout);
        using var deadline = new CancellationTokenSource(_options.FlushTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var batch = new List<MetricValue>(Math.Min(_options.BatchSize, buffer.Capacity));
        try
        {
            // One pass over the addresses per batch: a transfer that is down now will not come back within the deadline.
            while (buffer.Count > 0 && await TrySendAsync(batch, linked.Token))
            {
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (buffer.Count > 0)
        {
            Log.FlushIncomplete(logger, buffer.Count, _options.FlushTimeout);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
