using System.Diagnostics.Metrics;

namespace Falcon.Roles.Transfer.Judges;

/// <summary>Transfer's instruments for the points it routes to judges, by judge node.</summary>
internal sealed class JudgeRoutingMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _retried;

    public JudgeRoutingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(TransferTelemetry.MeterName);
        _sent = Meter.CreateCounter<long>("falcon.transfer.judge.sent", "{point}", "points a judge accepted, by judge");
        _dropped = Meter.CreateCounter<long>("falcon.transfer.judge.dropped", "{point}", "points dropped because a judge's queue was full (oldest first), by judge");
        _refused = Meter.CreateCounter<long>("falcon.transfer.judge.refused", "{point}", "points a judge refused with an error reply, by judge");
        _retried = Meter.CreateCounter<long>("falcon.transfer.judge.retries", "{call}", "Judge.Send calls retried after a failure, by judge");
    }

    public Meter Meter { get; }

    public void Sent(string judge, int count) => _sent.Add(count, new KeyValuePair<string, object?>("judge", judge));

    public void Dropped(string judge, int count)
    {
        if (count > 0)
        {
            _dropped.Add(count, new KeyValuePair<string, object?>("judge", judge));
        }
    }

    public void Refused(string judge, int count) => _refused.Add(count, new KeyValuePair<string, object?>("judge", judge));

    public void Retried(string judge) => _retried.Add(1, new KeyValuePair<string, object?>("judge", judge));
}
