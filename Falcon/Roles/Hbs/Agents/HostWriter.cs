using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Falcon.Shared.Portal;
using Falcon.Shared.Reliability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Roles.Hbs.Agents;

/// <summary>
/// Writes host rows behind the heartbeat path: heartbeats only record the latest state per host here, and this
/// loop writes them to MySQL in batches. Pending work is one entry per host (the newest state wins), so memory is
/// bounded by the fleet, a burst never blocks a heartbeat, and nothing is dropped while MySQL is down.
/// </summary>
internal sealed class HostWriter : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, AgentRecord> _pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    // One batch at a time: a flush that finds nothing pending then knows no batch is still in flight either.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly HostTable _table;
    private readonly HbsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HostWriter> _logger;
    private readonly Counter<long> _written;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLettered;
    private readonly DeadLetterTally _tally;
    private readonly WorkProgress? _progress;
    private readonly HostDeadLetters _deadLetters = new(capacity: 1000);

    public HostWriter(
        HostTable table, IOptions<HbsOptions> options, TimeProvider timeProvider, ILogger<HostWriter> logger, IMeterFactory meters, DeadLetterTally? tally = null,
        WorkProgress? progress = null)
    {
        _progress = progress;
        _tally = tally ?? new DeadLetterTally(timeProvider);
        _table = table;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        var meter = meters.Create(HbsTelemetry.MeterName);
        _written = meter.CreateCounter<long>("falcon.hbs.host_rows.written", description: "host rows inserted or updated, by op");
        _failures = meter.CreateCounter<long>("falcon.hbs.host_rows.failures", description: "host table write batches that failed and will be retried");
        _deadLettered = meter.CreateCounter<long>("falcon.hbs.host_rows.dead_lettered", description: "host rows MySQL refused on their own (kept in the dead-letter list, not retried)");
        meter.CreateObservableGauge("falcon.hbs.host_rows.pending", () => _pending.Count, description: "hosts waiting to be written to MySQL");
    }

    /// <summary>This writer's name in <see cref="WorkProgress"/>.</summary>
    public const string WorkerName = "hbs.hostwriter";

    /// <summary>The latest host rows MySQL refused on their own, newest first (bounded).</summary>
    public IReadOnlyList<HostDeadLetter> DeadLetters => _deadLetters.Snapshot();

    /// <summary>Hosts whose row is waiting to be written.</summary>
    public int Pending => _pending.Count;

    /// <summary>Queues the newest state of a host; never blocks.</summary>
    public void Enqueue(AgentRecord record)
    {
        _pending[record.Hostname] = record;
        _wake.Writer.TryWrite(true);
    }

    /// <summary>Writes everything pending now (used on stop and by tests).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (await WriteBatchAsync(cancellationToken))
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Log.FlushingOnStop(_logger, _pending.Count);
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
            Log.FlushedOnStop(_logger);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.FlushOnStopFailed(_logger, _pending.Count, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_pending.IsEmpty)
            {
                await _wake.Reader.ReadAsync(stoppingToken);
                continue;
            }

            try
            {
                await WriteBatchAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                _progress?.Finished(WorkerName);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Hosts wait and nothing is written: /health says so once it lasts host.healthStallAfter.
                _progress?.StartedIfIdle(WorkerName);
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                _failures.Add(1);
                Log.WriteFailed(_logger, _pending.Count, backoff, e.Message);
                await Task.Delay(backoff, _timeProvider, stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _writeLock.Dispose();
        base.Dispose();
    }

    /// <summary>Writes one batch; false when there was nothing to write.</summary>
    private async Task<bool> WriteBatchAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return await WriteBatchLockedAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<bool> WriteBatchLockedAsync(CancellationToken cancellationToken)
    {
        var batch = new List<AgentRecord>(_options.HostWriteBatch);
        foreach (var entry in _pending)
        {
            // Remove only this exact state: a newer heartbeat that lands meanwhile stays pending for the next batch.
            if (_pending.TryRemove(entry))
            {
                batch.Add(entry.Value);
            }

            if (batch.Count >= _options.HostWriteBatch)
            {
                break;
            }
        }

        if (batch.Count == 0)
        {
            return false;
        }

        try
        {
            // A started batch is never cancelled: it is short and bounded by the MySQL command timeout, and
            // cancelling it mid-statement (MySqlConnector kills the query) has been seen to hold up shutdown.
            // Cancellation is honoured between batches instead.
            var (inserted, updated) = await _table.WriteAsync(batch, CancellationToken.None);
            _written.Add(inserted, new KeyValuePair<string, object?>("op", "insert"));
            _written.Add(updated, new KeyValuePair<string, object?>("op", "update"));
            return true;
        }
        catch (Exception e) when (MySqlFailure.IsPermanent(e))
        {
            Log.BatchRefused(_logger, batch.Count, e.Message);
            await WriteOneByOneAsync(batch);
            return true;
        }
        catch
        {
            PutBack(batch);
            throw;
        }
    }

    /// <summary>
    /// After MySQL refused the data of a batch: writes its rows one at a time, so only a row refused on its own is
    /// dead-lettered (logged, counted, kept in <see cref="DeadLetters"/>) and the others are written. A transient
    /// failure puts the rest back and is retried as usual.
    /// </summary>
    private async Task WriteOneByOneAsync(List<AgentRecord> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                var (inserted, updated) = await _table.WriteAsync([batch[i]], CancellationToken.None);
                _written.Add(inserted, new KeyValuePair<string, object?>("op", "insert"));
                _written.Add(updated, new KeyValuePair<string, object?>("op", "update"));
            }
            catch (Exception e) when (MySqlFailure.IsPermanent(e))
            {
                _deadLettered.Add(1);
                _tally.Add("hbs.host");
                _deadLetters.Add(new HostDeadLetter(batch[i].Hostname, e.Message, _timeProvider.GetUtcNow()));
                Log.HostDeadLettered(_logger, batch[i].Hostname, e.Message);
            }
            catch
            {
                PutBack(batch.Skip(i));
                throw;
            }
        }
    }

    private void PutBack(IEnumerable<AgentRecord> records)
    {
        foreach (var record in records)
        {
            // Put it back unless a newer state arrived while this batch was failing.
            _pending.TryAdd(record.Hostname, record);
        }
    }
}
