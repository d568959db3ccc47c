using System.Diagnostics.Metrics;

namespace Falcon.Roles.Agent;

/// <summary>The agent runtime's instruments: collector passes, the push buffer and transfer calls, heartbeats.</summary>
internal sealed class AgentMetrics
{
    private readonly Counter<long> _collected;
    private readonly Counter<long> _collectorFailures;
    private readonly Counter<long> _collectorOverruns;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _invalid;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _transferFailures;
    private readonly Counter<long> _heartbeatFailures;

    public AgentMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(AgentTelemetry.MeterName);
        _collected = Meter.CreateCounter<long>("falcon.agent.points.collected", description: "points collectors wrote and the agent buffered");
        _collectorFailures = Meter.CreateCounter<long>("falcon.agent.collector.failures", description: "collector passes that threw or timed out (tag collector)");
        _collectorOverruns = Meter.CreateCounter<long>("falcon.agent.collector.skipped_ticks", description: "ticks skipped because the collector's previous pass was still running (tag collector)");
        _sent = Meter.CreateCounter<long>("falcon.agent.points.sent", description: "points a transfer accepted through Transfer.Update");
        _invalid = Meter.CreateCounter<long>("falcon.agent.points.invalid", description: "sent points transfer counted as invalid");
        _dropped = Meter.CreateCounter<long>("falcon.agent.points.dropped", description: "oldest points dropped because the push buffer was full while every transfer was down");
        _transferFailures = Meter.CreateCounter<long>("falcon.agent.transfer.failures", description: "Transfer.Update calls that failed (tag address)");
        _heartbeatFailures = Meter.CreateCounter<long>("falcon.agent.heartbeat.failures", description: "heartbeats that no hbs answered");
    }

    public Meter Meter { get; }

    public void Collected(int count) => _collected.Add(count);

    public void CollectorFailed(string collector) => _collectorFailures.Add(1, new KeyValuePair<string, object?>("collector", collector));

    public void CollectorOverran(string collector, long ticks) => _collectorOverruns.Add(ticks, new KeyValuePair<string, object?>("collector", collector));

    public void Sent(int count) => _sent.Add(count);

    public void Invalid(int count) => _invalid.Add(count);

    public void Dropped(long count) => _dropped.Add(count);

    public void TransferFailed(string address) => _transferFailures.Add(1, new KeyValuePair<string, object?>("address", address));

    public void HeartbeatFailed() => _heartbeatFailures.Add(1);
}
