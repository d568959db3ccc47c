using System.Diagnostics.Metrics;

namespace Falcon.Roles.Hbs.Upgrade;

/// <summary>Upgrade counters on hbs's Meter `Falcon.Hbs`, counted by the instance that saw the event.</summary>
internal sealed class UpgradeMetrics
{
    public const string MeterName = HbsTelemetry.MeterName;

    private readonly Counter<long> _granted;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _attemptsFailed;
    private readonly Counter<long> _hostsFailed;
    private readonly Counter<long> _slotsExpired;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _redisErrors;

    public UpgradeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _granted = meter.CreateCounter<long>("falcon.hbs.upgrade.granted", "{host}", "Upgrade slots handed out (each is one attempt).");
        _completed = meter.CreateCounter<long>("falcon.hbs.upgrade.completed", "{host}", "Hosts seen at the target version for the first time.");
        _attemptsFailed = meter.CreateCounter<long>("falcon.hbs.upgrade.attempts_failed", "{attempt}", "Attempts that ended without the target version.");
        _hostsFailed = meter.CreateCounter<long>("falcon.hbs.upgrade.hosts_failed", "{host}", "Hosts that used up their attempts.");
        _slotsExpired = meter.CreateCounter<long>("falcon.hbs.upgrade.slots_expired", "{slot}", "Slots freed at their deadline (host gone or hung).");
        _deferred = meter.CreateCounter<long>("falcon.hbs.upgrade.deferred", "{heartbeat}", "Heartbeats of hosts needing the upgrade that got no slot, by reason.");
        _redisErrors = meter.CreateCounter<long>("falcon.hbs.upgrade.redis_errors", "{error}", "Upgrade decisions skipped because Redis failed.");
    }

    public void Granted() => _granted.Add(1);

    public void Completed() => _completed.Add(1);

    public void AttemptFailed(bool hostFailed)
    {
        _attemptsFailed.Add(1);
        if (hostFailed)
        {
            _hostsFailed.Add(1);
        }
    }

    public void SlotsExpired(long count) => _slotsExpired.Add(count);

    public void Deferred(string reason) => _deferred.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RedisError() => _redisErrors.Add(1);
}
