using System.Text.Json;

namespace Falcon.Roles.Alarm.Consumption;

internal sealed partial class EventConsumer
{
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        var nextTakeover = _timeProvider.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_timeProvider.GetUtcNow() >= nextTakeover)
                {
                    await TakeOverStoppedAsync(cancellationToken);
                    nextTakeover = _timeProvider.GetUtcNow() + _options.HeartbeatInterval;
                }

                var read = await ReadBatchAsync(cancellationToken);
                backoff = TimeSpan.Zero;
                if (read == 0)
                {
                    await Task.Delay(_options.PollInterval, _timeProvider, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                backoff = NextBackoff(backoff);
                ConsumptionLog.RedisFailed(_logger, "read", backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Moves up to one batch, high queues first in configured order; low queues always get a tenth, so a storm of P0 cannot starve them.</summary>
    private async Task<int> ReadBatchAsync(CancellationToken cancellationToken)
    {
        var budget = _options.BatchSize;
        var lowReserve = Math.Max(1, _options.BatchSize / 10);
        var lowStarted = false;
        var read = 0;
        foreach (var (queue, isHigh) in _queues)
        {
            if (!isHigh && !lowStarted)
            {
                lowStarted = true;
                budget = Math.Max(budget, lowReserve);
            }

            if (budget == 0)
            {
                continue;
            }

            var items = await _queue.MoveAsync(queue, ReliableQueue.InflightKey(queue, _options.InstanceId), budget, cancellationToken);
            budget -= items.Length;
            read += items.Length;
            await FeedAsync(queue, isHigh, items, recovered: false, cancellationToken);
        }

        return read;
    }

    /// <summary>Parks this instance's in-flight events of a previous run, then takes them back a batch at a time.</summary>
    private async Task RecoverOwnAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        while (true)
        {
            try
            {
                long total = 0;
                foreach (var (queue, isHigh) in _queues)
                {
                    var inflight = ReliableQueue.InflightKey(queue, _options.InstanceId);
                    var recovering = ReliableQueue.RecoveringKey(queue, _options.InstanceId);
                    await _queue.MoveAllAsync(inflight, recovering, _options.BatchSize, cancellationToken);
                    total += await DrainAsync(queue, isHigh, recovering, inflight, cancellationToken);
                }

                if (total > 0)
                {
                    ConsumptionLog.RecoveredOwn(_logger, _options.InstanceId, total);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                backoff = NextBackoff(backoff);
                ConsumptionLog.RedisFailed(_logger, "recover", backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Takes over the in-flight events (and other owned lists) of every instance whose heartbeat stopped.</summary>
    private async Task TakeOverStoppedAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var instance in await _registry.ListAsync(cancellationToken))
        {
            if (instance.Id == _options.InstanceId || now - instance.LastBeat < _options.HeartbeatTimeout)
            {
                continue;
            }

            long total = 0;
            foreach (var (queue, isHigh) in _queues)
            {
                var mine = ReliableQueue.InflightKey(queue, _options.InstanceId);
                total += await DrainAsync(queue, isHigh, ReliableQueue.RecoveringKey(queue, instance.Id), mine, cancellationToken);
                total += await DrainAsync(queue, isHigh, ReliableQueue.InflightKey(queue, instance.Id), mine, cancellationToken);
            }

            foreach (var owner in _ownedLists)
            {
                var theirs = owner.ListsOf(instance.Id);
                var mine = owner.ListsOf(_options.InstanceId);
                for (var i = 0; i < theirs.Count && i < mine.Count; i++)
                {
                    total += await _queue.MoveAllAsync(theirs[i], mine[i], _options.BatchSize, cancellationToken);
                }
            }

            await _registry.ForgetAsync(instance, cancellationToken);
            ConsumptionLog.TookOver(_logger, _options.InstanceId, instance.Id, total, instance.LastBeat);
        }
    }

    private async Task<long> DrainAsync(string queue, bool isHigh, string source, string inflight, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var items = await _queue.MoveAsync(source, inflight, _options.BatchSize, cancellationToken);
            total += items.Length;
            await FeedAsync(queue, isHigh, items, recovered: true, cancellationToken);
            if (items.Length < _options.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task FeedAsync(string queue, bool isHigh, string[] items, bool recovered, CancellationToken cancellationToken)
    {
        foreach (var raw in items)
        {
            var judgeEvent = EventParser.Parse(raw, out var reason);
            if (judgeEvent is null)
            {
                await DeadLetterAsync(queue, raw, reason!, cancellationToken);
                _tally?.Add("alarm.parse");
                continue;
            }

            var consumed = new ConsumedEvent(queue, raw, judgeEvent, isHigh, recovered);
            _metrics.Read(queue);
            await _partitions[Partition(judgeEvent.Id)].Writer.WriteAsync(consumed, cancellationToken);
        }
    }

    private async Task DeadLetterAsync(string queue, string raw, string reason, CancellationToken cancellationToken)
    {
        var entry = JsonSerializer.Serialize(
            new DeadLetter(reason, queue, _options.InstanceId, _timeProvider.GetUtcNow().ToUnixTimeSeconds(), raw),
            ConsumptionJsonContext.Default.DeadLetter);
        await _queue.DeadLetterAsync(_options.DeadLetterQueue, entry, ReliableQueue.InflightKey(queue, _options.InstanceId), raw, cancellationToken);
        _metrics.DeadLettered(queue);
        ConsumptionLog.DeadLettered(_logger, queue, reason, raw.Length > 200 ? raw[..200] : raw);
    }

    private int Partition(string eventId) =>
        (int)((uint)StringComparer.Ordinal.GetHashCode(eventId) % (uint)_partitions.Length);
}
