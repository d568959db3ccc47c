using System.Diagnostics.Metrics;

namespace Falcon.Roles.Judge.Sync;

/// <summary>The rule sync's instruments on the judge meter.</summary>
internal sealed class RuleSyncMetrics
{
    /// <summary>The judge role's meter, Falcon.Judge (one per role; docs/conventions.md).</summary>
    public const string MeterName = "Falcon.Judge";

    private readonly Counter<long> _successes;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _requests;

    public RuleSyncMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _successes = meter.CreateCounter<long>("falcon.judge.sync.successes", "{sync}", "rule syncs from hbs that installed a new copy");
        _failures = meter.CreateCounter<long>("falcon.judge.sync.failures", "{sync}", "rule syncs from hbs that failed, the last good copy kept");
        _requests = meter.CreateCounter<long>("falcon.judge.sync.signals", "{signal}", "configuration changes hbs announced (falcon:config:applied); a burst is one sync");
    }

    public void Succeeded() => _successes.Add(1);

    public void Failed() => _failures.Add(1);

    public void Requested() => _requests.Add(1);
}
