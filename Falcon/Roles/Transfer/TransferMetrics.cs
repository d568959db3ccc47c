using System.Diagnostics.Metrics;
using Falcon.Roles.Transfer.Queue;

namespace Falcon.Roles.Transfer;

/// <summary>Transfer's instruments: points through ingest and through the TSDB write queue.</summary>
internal sealed class TransferMetrics
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _invalid;
    private readonly Counter<long> _queued;
    private readonly Counter<long> _written;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _rejectedFull;
    private readonly Counter<long> _permanentFailures;
    private readonly Counter<long> _outOfBounds;
    private readonly Meter _meter;

    public TransferMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = _meter = meterFactory.Create(TransferTelemetry.MeterName);
        _accepted = meter.CreateCounter<long>("falcon.transfer.points.accepted", description: "points that passed validation and were handed to every sink");
        _invalid = meter.CreateCounter<long>("falcon.transfer.points.invalid", description: "pushed items dropped by open-falcon's checks (the Invalid of a reply)");
        _queued = meter.CreateCounter<long>("falcon.transfer.tsdb.queued", description: "points put on the TSDB write queue");
        _written = meter.CreateCounter<long>("falcon.transfer.tsdb.written", description: "points the TSDB accepted");
        _retried = meter.CreateCounter<long>("falcon.transfer.tsdb.retried", description: "remote-write requests retried after a retryable failure");
        _rejectedFull = meter.CreateCounter<long>("falcon.transfer.points.rejected_full", description: "points refused because the TSDB write queue could not take their whole batch");
        _permanentFailures = meter.CreateCounter<long>("falcon.transfer.tsdb.permanent_failures", description: "points dropped because the TSDB refused them for good (4xx)");
        _outOfBounds = meter.CreateCounter<long>("falcon.transfer.points.out_of_bounds", description: "pushed items counted Invalid by transfer's bounds (lengths, tags, timestamp window), by reason");
    }

    /// <summary>Reports the on-disk queue's depth (called once, by the sink that owns the queue).</summary>
    public void ObserveQueue(DiskQueue queue)
    {
        _meter.CreateObservableGauge("falcon.transfer.tsdb.queue_depth", () => queue.Count, description: "points accepted and not yet written to the TSDB (or dropped)");
        _meter.CreateObservableGauge("falcon.transfer.queue.bytes", () => queue.Bytes, unit: "By", description: "bytes of the on-disk queue's segment files");
    }

    public void OutOfBounds(string reason) => _outOfBounds.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Accepted(int count) => _accepted.Add(count);

    public void Invalid(int count) => _invalid.Add(count);

    public void Queued(int count) => _queued.Add(count);

    public void Written(int count) => _written.Add(count);

    public void Retried() => _retried.Add(1);

    public void RejectedFull(int count) => _rejectedFull.Add(count);

    public void PermanentFailure(int count) => _permanentFailures.Add(count);
}
