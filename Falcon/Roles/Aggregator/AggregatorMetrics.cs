using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Falcon.Roles.Aggregator;

/// <summary>The aggregator's instruments (Meter and ActivitySource `Falcon.Aggregator`).</summary>
internal sealed class AggregatorMetrics
{
    public const string Name = "Falcon.Aggregator";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _steps;
    private readonly Counter<long> _stepFailures;
    private readonly Counter<long> _missingHosts;
    private readonly Histogram<double> _stepSeconds;
    private readonly Counter<long> _queries;
    private readonly Counter<long> _pushed;
    private readonly Counter<long> _pushFailures;
    private readonly Counter<long> _hostListFailures;

    public AggregatorMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _steps = meter.CreateCounter<long>("falcon.aggregator.steps", "{step}", "definition steps computed and pushed, by whether the host list was stale");
        _stepFailures = meter.CreateCounter<long>("falcon.aggregator.steps.failed", "{step}", "definition steps that failed and are computed again later");
        _missingHosts = meter.CreateCounter<long>("falcon.aggregator.hosts.missing", "{host}", "target hosts left out of a step for lack of a fresh value");
        _stepSeconds = meter.CreateHistogram<double>("falcon.aggregator.step.duration", "s", "time to compute one definition step");
        _queries = meter.CreateCounter<long>("falcon.aggregator.queries", "{query}", "PromQL queries sent");
        _pushed = meter.CreateCounter<long>("falcon.aggregator.points.pushed", "{point}", "result and coverage points taken by transfer");
        _pushFailures = meter.CreateCounter<long>("falcon.aggregator.push.failures", "{call}", "Transfer.Update calls that failed");
        _hostListFailures = meter.CreateCounter<long>("falcon.aggregator.hostlist.failures", "{request}", "group host lists no hbs answered");
    }

    public void StepComputed(TimeSpan elapsed, int missing)
    {
        _stepSeconds.Record(elapsed.TotalSeconds);
        _missingHosts.Add(missing);
    }

    public void StepPushed(bool stale) => _steps.Add(1, new KeyValuePair<string, object?>("stale", stale));

    public void StepFailed() => _stepFailures.Add(1);

    public void Queried(int length) => _queries.Add(1);

    public void Pushed(int points) => _pushed.Add(points);

    public void PushFailed() => _pushFailures.Add(1);

    public void HostListFailed() => _hostListFailures.Add(1);
}
